using System.Text.RegularExpressions;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// An oblast officer opens the staff pages on her phone, in Kyrgyz, Russian or English: every page answers, is in the
/// language she chose, fits the phone's width (nothing to scroll sideways but a wide table's own box), and shows no
/// text key where its text belongs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StaffPagesOnAPhoneTests(BrowserHost fixture)
{
    // The staff pages an administrator reaches from the menu, and the forms behind the pages added last.
    private static readonly string[] Pages =
    [
        "/", "/campaigns", "/campaigns/new", "/modules", "/modules/issyk-kul/settings", "/modules/issyk-kul/templates",
        "/desk", "/desk/stats", "/desk/saved-replies", "/compatriots", "/pledges", "/pledges/new", "/pledges/offers",
        "/projects", "/reports", "/certificates/nominations", "/certificates/bulk",
        "/certificates/issuer/issyk-kul", "/audit", "/users", "/privacy/erasure-requests", "/account/security", "/openapi",
    ];

    [SkippableTheory]
    [InlineData("ky")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Every_staff_page_fits_a_phone_in_the_chosen_language_with_no_raw_text_key(string language)
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        await using var phone = await fixture.NewPhoneContextAsync();
        var page = await AdminSession.SignInAsync(phone);
        var keys = ProductTexts.Keys(language).ToHashSet(StringComparer.Ordinal);
        var faults = new List<string>();
        foreach (var path in Pages)
        {
            if (await OpenAsync(page, $"{path}?lang={language}") is { } failed)
            {
                faults.Add($"{path}: {failed}");
                continue;
            }
            faults.AddRange((await FaultsAsync(page, language, keys)).Select(fault => $"{path}: {fault}"));
            await Screenshots.TakeAsync(page, $"staff-{language}{path.Replace('/', '-').TrimEnd('-')}");
        }
        Assert.True(faults.Count == 0, string.Join("\n", faults));
    }

    /// <summary>Null when the page opened; otherwise why not (an error with an empty body fails Chromium's navigation).</summary>
    private static async Task<string?> OpenAsync(IPage page, string url)
    {
        try
        {
            var response = await page.GotoAsync(url);
            return response is { Ok: true } ? null : $"HTTP {response?.Status}";
        }
        catch (PlaywrightException e)
        {
            return e.Message.Split('\n')[0];
        }
    }

    private static async Task<List<string>> FaultsAsync(IPage page, string language, HashSet<string> keys)
    {
        var faults = new List<string>();
        var lang = await page.GetAttributeAsync("html", "lang");
        if (lang != language) faults.Add($"html lang is '{lang}'");
        // Wider than the phone: the page itself scrolls sideways. Tables may scroll inside their own box.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 1) faults.Add($"{overflow}px wider than the phone, widest: {await WidestAsync(page)}");
        var text = await page.InnerTextAsync("body");
        faults.AddRange(TextKey().Matches(text).Select(m => m.Value).Where(keys.Contains).Distinct().Select(key => $"raw text key '{key}'"));
        return faults;
    }

    /// <summary>The element reaching furthest right outside any box that scrolls or clips it, to say what to fix.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const clipped = e => {
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
              if (getComputedStyle(a).overflowX !== 'visible') return true;
            return false;
          };
          let widest = null, right = 0;
          for (const e of document.body.querySelectorAll('*')) {
            if (clipped(e)) continue;
            const r = e.getBoundingClientRect().right;
            if (r > right) { right = r; widest = e; }
          }
          return widest ? `${widest.tagName.toLowerCase()}${widest.id ? '#' + widest.id : ''}${widest.className ? '.' + String(widest.className).split(' ').join('.') : ''} (${Math.round(right)}px)` : '';
        }
        """);

    [GeneratedRegex(@"\b[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9-]+)+\b", RegexOptions.CultureInvariant)]
    private static partial Regex TextKey();
}
