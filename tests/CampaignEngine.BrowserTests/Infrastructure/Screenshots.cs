using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots go to docs/screenshots (committed, for the README) only when SCREENSHOTS=1, so an ordinary test
/// run never dirties the working tree; otherwise they go to one temp folder, overwritten by each run, to look
/// at after a failure.
/// </summary>
internal static class Screenshots
{
    private static bool ForReadme => Environment.GetEnvironmentVariable("SCREENSHOTS") == "1";

    public static string Folder => ForReadme
        ? RepositoryPaths.Screenshots
        : Path.Combine(Path.GetTempPath(), "campaign-engine-browser-screenshots");

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Type = ScreenshotType.Png });
        return path;
    }
}
