using CampaignEngine.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>Aizada works in Russian and Kyrgyz: the header's language links must switch the whole interface.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageSwitchTests(BrowserHost fixture)
{
    [SkippableFact]
    public async Task Header_language_links_switch_the_interface_texts_and_the_choice_sticks()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        await using var context = await fixture.NewDesktopContextAsync();
        var page = await AdminSession.SignInAsync(context);
        await page.GotoAsync("/modules");

        foreach (var language in new[] { "en", "ky", "ru", "ky" })
        {
            await page.ClickAndWaitForNextPageAsync($"nav.langs a[lang={language}]");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Expect(page.Locator("main h1")).ToHaveTextAsync(ProductTexts.Get(language, "modules.title"));
            await Expect(page.Locator("header nav a[href='/campaigns']")).ToHaveTextAsync(ProductTexts.Get(language, "nav.campaigns"));
        }

        // The last choice (Kyrgyz) is remembered on the next page without ?lang=.
        await page.GotoAsync("/campaigns");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ky");
        await Expect(page.Locator("header nav a[href='/modules']")).ToHaveTextAsync(ProductTexts.Get("ky", "nav.modules"));
    }
}
