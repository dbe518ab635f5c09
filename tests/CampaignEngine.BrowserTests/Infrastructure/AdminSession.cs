using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>Signs in through the login page, as Aizada would.</summary>
internal static class AdminSession
{
    public static async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Login", HostProcess.AdminLogin);
        await page.FillAsync("#Password", HostProcess.AdminPassword);
        await page.ClickAndWaitForNextPageAsync("form[action='/account/login'] button[type=submit]");
        if (new Uri(page.Url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal))
            throw new InvalidOperationException("Sign-in failed: still on the login page.\n" + await page.InnerTextAsync("main"));
        return page;
    }
}
