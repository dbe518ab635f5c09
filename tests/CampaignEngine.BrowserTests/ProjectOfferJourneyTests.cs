using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// A stranger on a phone, with no link, finds a project's page and offers to give: a refusal beside each field they
/// got wrong, in Kyrgyz; then 12,50 EUR read as twelve and a half, repeated on the thank-you page with what happens next.
/// The offer waits for staff, counts nowhere, and the officer confirms it for a new person after the call.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectOfferJourneyTests(BrowserHost fixture)
{
    [SkippableFact]
    public async Task A_stranger_offers_12_50_EUR_on_a_phone_in_Kyrgyz_and_the_officer_confirms_it_after_the_call()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var project = await ProjectAsync();
        await using var phone = await fixture.NewPhoneContextAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/projects/{project}?lang=ky");
        await Expect(page.Locator("#offer-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#Website")).Not.ToBeInViewportAsync();

        // An amount and a name, but no way to reach them and no consent: both refused, beside their fields.
        await page.FillAsync("#Amount", "12,50");
        await page.SelectOptionAsync("#Currency", "EUR");
        await page.FillAsync("#FullName", "Гүлзат Токтогулова");
        var refused = await page.ClickAndWaitForNextPageAsync("#offer-form button[type=submit]");
        Assert.Equal((int)HttpStatusCode.BadRequest, refused.Status);
        await Expect(page.Locator("#contact-error")).ToHaveTextAsync(ProductTexts.Get("ky", "offer.error.contact"));
        await Expect(page.Locator("#contactConsent-error")).ToHaveTextAsync(ProductTexts.Get("ky", "offer.error.consent"));
        await Expect(page.Locator("#Amount")).ToHaveValueAsync("12,50");
        await Screenshots.TakeAsync(page, "project-offer-error-phone");
        Assert.Empty(HostDatabase.OffersOf(fixture.Host, project));

        await page.FillAsync("#Phone", "+82 10 1234 5678");
        await page.CheckAsync("#ContactConsent");
        await page.ClickAndWaitForNextPageAsync("#offer-form button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync(ProductTexts.Get("ky", "proj.offer.thanksTitle"));
        await Expect(page.Locator(".pledged-what")).ToHaveTextAsync("12,50 EUR");
        await Expect(page.Locator("#no-money-yet")).ToHaveTextAsync(ProductTexts.Get("ky", "proj.offer.nextMoney"));
        await Screenshots.TakeAsync(page, "project-offer-thanks-phone");
        var offer = Assert.Single(HostDatabase.OffersOf(fixture.Host, project));
        Assert.Equal(("money", 12.50m, "EUR", "waiting", "+821012345678"), (offer.Kind, offer.Amount!.Value, offer.Currency, offer.Status, offer.Phone));

        // Nothing public moved: the project still shows no confirmed money.
        await page.GotoAsync($"{fixture.BaseUrl}/projects/{project}?lang=en");
        await Expect(page.Locator("#confirmed-usd")).ToHaveTextAsync("0 USD");

        await using var laptop = await fixture.NewDesktopContextAsync();
        var staff = await AdminSession.SignInAsync(laptop);
        await staff.GotoAsync("/pledges/offers?lang=en");
        await staff.ClickAndWaitForNextPageAsync($"a[href='/pledges/offers/{offer.Id}']");
        await Expect(staff.Locator("#offer-contact")).ToContainTextAsync("+821012345678");
        await Screenshots.TakeAsync(staff, "pledge-offer-staff");
        await staff.SelectOptionAsync("#Country", "KR");
        await staff.ClickAndWaitForNextPageAsync("#confirm-new");
        await Expect(staff.Locator("#pledge-status")).ToHaveTextAsync(ProductTexts.Get("en", "pledges.status.confirmed"));
        var confirmed = Assert.Single(HostDatabase.OffersOf(fixture.Host, project));
        Assert.Equal(("confirmed", (string?)null), (confirmed.Status, confirmed.Phone));
        Assert.NotNull(confirmed.PledgeId);
    }

    private async Task<long> ProjectAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostProcess.AdminApiKey);
        using var created = await http.PostAsJsonAsync("/api/projects", new
        {
            region = "KG-B", moduleId = "batken", budget = 20_000, currency = "USD",
            title = new { ky = "Мектептин чатыры", ru = "Крыша школы", en = "The school roof" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetInt64();
    }
}
