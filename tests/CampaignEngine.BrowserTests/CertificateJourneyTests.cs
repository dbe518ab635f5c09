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
        var serial = await IssueToAsync(page, "Гүлзат", "Ысык-Көлдүн жээгин тазалоого кошкон салымы үчүн");
        Assert.StartsWith("IK-", serial);

        // The print view opens in its own tab with the name and the QR code.
        var print = await laptop.RunAndWaitForPageAsync(() => page.ClickAsync($"a[href='/certificates/{serial}/html']"));
        await print.WaitForLoadStateAsync();
        await Expect(print.Locator(".holder")).ToHaveTextAsync(TestDirectory.Gulzat.FullName);
        await Expect(print.Locator(".qr svg")).ToBeVisibleAsync();
        await print.CloseAsync();

        // Revoking asks again, showing the reason as it will be published; the confirmed press revokes.
        await page.FillAsync("#revokeReason", "Маалымат туура эмес берилген");
        await page.ClickAndWaitForNextPageAsync("#revoke-form button[type=submit]");
        await Expect(page.Locator("#confirm-revoke .revoke-reason")).ToHaveTextAsync("Маалымат туура эмес берилген");
        await page.ClickAndWaitForNextPageAsync("#confirm-revoke-button");
        await Expect(page.Locator("#done")).ToHaveAttributeAsync("data-done", "revoked");

        // A stranger checks the paper.
        await using var stranger = await fixture.NewPhoneContextAsync();
        var verify = await stranger.NewPageAsync();
        await verify.GotoAsync($"{fixture.BaseUrl}/verify/{serial}?lang=ky");
        await Expect(verify.Locator("p.status")).ToHaveAttributeAsync("data-status", "revoked");
        await Expect(verify.Locator(".revoke-reason")).ToHaveTextAsync("Маалымат туура эмес берилген");
    }

    [SkippableFact]
    public async Task Issuing_the_same_recognition_twice_warns_with_the_existing_paper_and_issues_only_when_confirmed()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var (laptop, page) = await OblastSession.SignInAsync(fixture, "bakyt-twice", "KG-Y");
        await using var _ = laptop;
        var first = await IssueToAsync(page, "Мээрим", "Айылдагы мектепке китеп тартуулаганы үчүн");
        await Expect(page.Locator("#done")).ToHaveAttributeAsync("data-done", "issued");

        // The same recognition again, typed a little differently: the form shows the paper she already holds.
        await IssueToAsync(page, "Мээрим", "айылдагы мектепке  китеп тартуулаганы үчүн.");
        await Expect(page.Locator("#issue-check")).ToBeVisibleAsync();
        await Expect(page.Locator($"#issue-check a[href='/certificates/{first}']")).ToHaveTextAsync(first);
        Assert.Contains("/certificates", page.Url);
        await Screenshots.TakeAsync(page, "certificate-duplicate-warning");

        await page.ClickAndWaitForNextPageAsync("#issue-anyway");
        var second = SerialInUrl().Match(page.Url).Groups[1].Value;
        Assert.NotEqual(first, second);
        await Expect(page.Locator("#done")).ToHaveAttributeAsync("data-done", "issued");
        await Expect(page.Locator("#done")).ToContainTextAsync(second);
    }

    /// <summary>Finds the person by name on the certificates page and submits the issue form; returns the serial when one was issued.</summary>
    private async Task<string> IssueToAsync(IPage page, string name, string reason)
    {
        // The person picker's search without its type-ahead: the page offers the matches as choices of the form.
        await page.GotoAsync($"{fixture.BaseUrl}/certificates?lang=ky&find={Uri.EscapeDataString(name)}");
        await page.CheckAsync(".picker-results input[type=radio]");
        await page.SelectOptionAsync("#kind", "gratitude");
        await page.FillAsync("#reason", reason);
        await page.ClickAndWaitForNextPageAsync("#issue-form button[type=submit]");
        return SerialInUrl().Match(page.Url).Groups[1].Value;
    }

    [GeneratedRegex("/certificates/([A-Z]+-[0-9]{4}-[0-9]+)")]
    private static partial Regex SerialInUrl();
}
