namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// Browser tests need Debian's Chromium (Playwright's own browser download is not reachable here).
/// Locally a missing Chromium skips them with the reason; under CI=true it fails them, so CI can never
/// pass by silently skipping.
/// </summary>
internal static class ChromiumRequirement
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Call first in every browser test.</summary>
    public static void SkipOrFailWhenMissing()
    {
        if (IsInstalled) return;
        if (IsCi)
            throw new InvalidOperationException($"{ExecutablePath} is missing and CI=true: browser tests are mandatory on CI (apt-get install chromium).");
        Skip.If(true, $"{ExecutablePath} is not installed (apt-get install chromium); browser tests skipped. Under CI=true they fail instead.");
    }
}
