using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>Starts Playwright's driver and the system Chromium, never a downloaded browser.</summary>
internal static class ChromiumLauncher
{
    // Quiet, offline Chromium: no update checks, sync or QUIC probes that could leave the machine or
    // show up as "external requests" in the tests.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        // The NuGet package copies its node driver to .playwright beside this assembly; pointing at it
        // explicitly keeps the driver found when the runner shadow-copies or loads the assembly from elsewhere.
        var driverFolder = Path.Combine(AppContext.BaseDirectory, ".playwright");
        if (Environment.GetEnvironmentVariable("PLAYWRIGHT_DRIVER_SEARCH_PATH") is null && Directory.Exists(driverFolder))
            Environment.SetEnvironmentVariable("PLAYWRIGHT_DRIVER_SEARCH_PATH", AppContext.BaseDirectory);

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumRequirement.ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
