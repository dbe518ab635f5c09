using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// Click-then-wait for full page loads. Playwright's RunAndWaitForNavigation is obsolete, and waiting for a
/// URL does not work when a form posts back to the page it came from (launch redirects to the same URL),
/// so the old document is marked and the wait ends only when a new, fully loaded document replaced it.
/// </summary>
internal static class PageNavigation
{
    /// <returns>The final document response (after redirects), e.g. to check a 400 status.</returns>
    public static async Task<IResponse> ClickAndWaitForNextPageAsync(this IPage page, string selector)
    {
        await page.EvaluateAsync("() => { window.__leaving = true; }");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync(selector),
            r => r.Request.IsNavigationRequest && r.Frame == page.MainFrame && r.Status is < 300 or >= 400);
        await page.WaitForFunctionAsync("() => window.__leaving !== true && document.readyState === 'complete'");
        return response;
    }
}
