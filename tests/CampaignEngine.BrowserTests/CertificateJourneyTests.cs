using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// Bakyt of the Issyk-Kul administration issues a letter of gratitude from the pages, opens it to print, then
/// revokes it; the public verify page says it is revoked and why.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CertificateJourneyTests(BrowserHost fixture)
{
    [SkippableFact]
    public async Task Oblast_user_issues_prints_and_revokes_and_the_verify_page_says_revoked()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var (laptop, page) = await OblastSession.SignInAsync(fixture, "bakyt", "KG-Y");
        await using var _ = laptop;

        // Find the holder by name and issue.
        await page.GotoAsync($"{fixture.BaseUrl}/certificates?lang=ky");
        // Without scripts the search reloads the page; with them the matches come as she types.
        await page.FillAsync("#CompatriotId-find", "Гүлзат");
        await page.ClickAndWaitForNextPageAsync("form[role=search] button[type=submit]");
        await page.CheckAsync($".picker-results label:has-text('{TestDirectory.Gulzat.FullName}') input[type=radio]");
        await page.SelectOptionAsync("#kind", "gratitude");
        await page.FillAsync("#reason", "Ысык-Көлдүн жээгин тазалоого кошкон салымы үчүн");
        await page.ClickAndWaitForNextPageAsync("form[method=post][action='/certificates'] button[type=submit]");
        var serial = SerialInUrl().Match(page.Url).Groups[1].Value;
        Assert.StartsWith("IK-", serial);

        // The print view opens in its own tab with the name and the QR code.
        var print = await laptop.RunAndWaitForPageAsync(() => page.ClickAsync($"a[href='/certificates/{serial}/html']"));
        await print.WaitForLoadStateAsync();
        await Expect(print.Locator(".holder")).ToHaveTextAsync(TestDirectory.Gulzat.FullName);
        await Expect(print.Locator(".qr svg")).ToBeVisibleAsync();
        await print.CloseAsync();

        await page.FillAsync("#revokeReason", "Маалымат туура эмес берилген");
        await page.ClickAndWaitForNextPageAsync("form[action$='/revoke'] button[type=submit]");

        // A stranger checks the paper.
        await using var stranger = await fixture.NewPhoneContextAsync();
        var verify = await stranger.NewPageAsync();
        await verify.GotoAsync($"{fixture.BaseUrl}/verify/{serial}?lang=ky");
        await Expect(verify.Locator("p.status")).ToHaveAttributeAsync("data-status", "revoked");
        await Expect(verify.Locator(".revoke-reason")).ToHaveTextAsync("Маалымат туура эмес берилген");
    }

    [GeneratedRegex("/certificates/([A-Z]+-[0-9]{4}-[0-9]+)")]
    private static partial Regex SerialInUrl();
}
