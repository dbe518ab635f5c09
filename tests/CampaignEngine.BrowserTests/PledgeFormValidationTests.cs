using System.Net;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// A recipient types a pledge on their phone as they write numbers at home: a decimal comma in Kyrgyz and Russian.
/// What cannot be read one way is refused beside its field, in their language, and nothing is stored; what was
/// understood is repeated on the thank-you page; hours typed without choosing "time" are hours.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PledgeFormValidationTests(BrowserHost fixture)
{
    private static readonly TimeSpan DispatchTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task On_a_Kyrgyz_page_twelve_comma_fifty_is_pledged_as_12_50_EUR_after_an_empty_and_a_negative_amount_are_refused()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var (campaignId, link) = await LinkAsync("Pledge form in Kyrgyz");
        await using var phone = await fixture.NewPhoneContextAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link);

        // Nothing filled in: the form has no `required`, so the browser sends it and the server must refuse it.
        var empty = await page.ClickAndWaitForNextPageAsync("form[action*='/pledge'] button[type=submit]");
        await ExpectRefusedAsync(page, empty, "ky", "#kind-error", "pledge.error.nothing");
        // A negative amount: refused beside the amount field.
        await page.FillAsync("#Amount", "-500");
        var negative = await page.ClickAndWaitForNextPageAsync("form[action*='/pledge'] button[type=submit]");
        await ExpectRefusedAsync(page, negative, "ky", "#amount-error", "amount.error.notPositive");
        Assert.Empty(HostDatabase.PledgesOf(fixture.Host, campaignId));

        await page.FillAsync("#Amount", "12,50");
        await page.SelectOptionAsync("#Currency", "EUR");
        await page.ClickAndWaitForNextPageAsync("form[action*='/pledge'] button[type=submit]");
        Assert.Contains("/thanks", page.Url);
        await Expect(page.Locator(".pledged-what")).ToHaveTextAsync("12,50 EUR");
        await Expect(page.Locator("#next-steps li")).ToHaveCountAsync(3);
        var stored = Assert.Single(HostDatabase.PledgesOf(fixture.Host, campaignId));
        Assert.Equal(("money", 12.50m, "EUR"), (stored.Kind, stored.Amount, stored.Currency));

        // Back on the appeal: what was pledged comes first, the form only as "pledge again".
        await page.GotoAsync(link);
        await Expect(page.Locator("#your-pledges .pledged-what")).ToHaveTextAsync("12,50 EUR");
        await Expect(page.Locator("#pledge-again summary")).ToHaveTextAsync(ProductTexts.Get("ky", "pub.pledge.again"));
        await Expect(page.Locator("#Amount")).Not.ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "landing-second-visit-phone");
    }

    [SkippableFact]
    public async Task On_a_Russian_page_1_250_is_refused_beside_the_field_and_hours_typed_alone_make_a_time_pledge()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var (campaignId, link) = await LinkAsync("Pledge form in Russian");
        await using var phone = await fixture.NewPhoneContextAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link + "?lang=ru");

        await page.FillAsync("#Amount", "1,250");
        var ambiguous = await page.ClickAndWaitForNextPageAsync("form[action*='/pledge'] button[type=submit]");
        await ExpectRefusedAsync(page, ambiguous, "ru", "#amount-error", "amount.error.ambiguous");
        await Expect(page.Locator("#Amount")).ToHaveValueAsync("1,250");
        await Screenshots.TakeAsync(page, "pledge-form-error-phone");
        Assert.Empty(HostDatabase.PledgesOf(fixture.Host, campaignId));

        // Hours in letters, with the amount still there: two kinds at once, and the hours are no number.
        await page.FillAsync("#Hours", "восемь");
        var both = await page.ClickAndWaitForNextPageAsync("form[action*='/pledge'] button[type=submit]");
        await ExpectRefusedAsync(page, both, "ru", "#kind-error", "pledge.error.several");
        await page.FillAsync("#Amount", "");
        var letters = await page.ClickAndWaitForNextPageAsync("form[action*='/pledge'] button[type=submit]");
        await ExpectRefusedAsync(page, letters, "ru", "#hours-error", "hours.error.notANumber");
        Assert.Empty(HostDatabase.PledgesOf(fixture.Host, campaignId));

        // Hours alone, without choosing "time" anywhere: a time pledge.
        await page.FillAsync("#Hours", "6,5");
        await page.ClickAndWaitForNextPageAsync("form[action*='/pledge'] button[type=submit]");
        Assert.Contains("/thanks", page.Url);
        await Expect(page.Locator(".pledged-what")).ToContainTextAsync("6,5 ч");
        var stored = Assert.Single(HostDatabase.PledgesOf(fixture.Host, campaignId));
        Assert.Equal(("time", 6.5m, (decimal?)null), (stored.Kind, stored.Hours!.Value, stored.Amount));
    }

    private async Task<(long CampaignId, string Link)> LinkAsync(string name)
    {
        using var api = new CampaignApi(fixture.Host);
        var campaignId = await api.CreateAndLaunchAsync("issyk-kul", name);
        await api.WaitUntilDispatchedAsync(campaignId, DispatchTimeout);
        return (campaignId, await OutboxLinks.ForRecipientAsync(fixture.Host, campaignId, TestDirectory.Gulzat.Address!, DispatchTimeout));
    }

    private static async Task ExpectRefusedAsync(IPage page, IResponse response, string language, string errorBeside, string key)
    {
        Assert.Equal((int)HttpStatusCode.BadRequest, response.Status);
        Assert.DoesNotContain("/thanks", page.Url);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        // Beside the field, and in the summary a screen reader announces.
        await Expect(page.Locator(errorBeside)).ToHaveTextAsync(ProductTexts.Get(language, key));
        await Expect(page.Locator(".error[role=alert]")).ToContainTextAsync(ProductTexts.Get(language, key));
        // The form is still there, so the recipient can correct it and try again.
        await Expect(page.Locator("#Amount")).ToBeVisibleAsync();
    }
}
