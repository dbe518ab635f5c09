using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots go to docs/screenshots (committed, for the README) only when SCREENSHOTS=1, so an ordinary test
/// run never dirties the working tree; otherwise they land in the run's temp folder for looking at failures.
/// </summary>
internal sealed class Screenshots(string scratchFolder)
{
    private static bool ForReadme => Environment.GetEnvironmentVariable("SCREENSHOTS") == "1";

    public string Folder => ForReadme ? RepositoryPaths.Screenshots : Path.Combine(scratchFolder, "screenshots");

    public async Task<string> TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Type = ScreenshotType.Png });
        return path;
    }
}
