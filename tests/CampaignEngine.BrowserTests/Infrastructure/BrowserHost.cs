using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// One running host with the test directory seeded, and one Chromium, shared by the browser tests (two
/// shared cores make a host per test too slow). Each test makes its own campaign and browser contexts,
/// so they do not see each other's cookies or counts.
/// When Chromium is missing nothing starts; the tests then skip or fail through <see cref="ChromiumRequirement"/>.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "campaign-engine-browser-" + Guid.NewGuid().ToString("N")[..8]);
    private HostProcess? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    internal HostProcess Host => _host ?? throw new InvalidOperationException("The host was not started (is Chromium installed?).");
    internal IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium was not launched.");
    public string BaseUrl => Host.BaseUrl;

    public async Task InitializeAsync()
    {
        if (!ChromiumRequirement.IsInstalled) return;
        Directory.CreateDirectory(_folder);
        _host = await HostProcess.StartAsync(_folder);
        DirectorySeeder.Seed(_host, TestDirectory.People);
        (_playwright, _browser) = await ChromiumLauncher.LaunchAsync();
    }

    /// <summary>A fresh desktop browser context (an officer's laptop), pointed at the host.</summary>
    internal Task<IBrowserContext> NewDesktopContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        Locale = "ru-RU",
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
    });

    /// <summary>A fresh phone context (Nurlan's cheap phone); its browser asks for Russian, so a Kyrgyz page proves the message's language wins.</summary>
    internal Task<IBrowserContext> NewPhoneContextAsync(int width = 360, int height = 740) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = width, Height = height },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
        Locale = "ru-RU",
    });

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _host?.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
