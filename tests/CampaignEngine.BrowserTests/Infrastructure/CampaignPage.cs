using System.Globalization;
using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>Reads the counters on an officer's campaign page (/campaigns/{id}).</summary>
internal static class CampaignPage
{
    public static async Task<long> CountAsync(IPage page, string counterId) =>
        long.Parse((await page.InnerTextAsync("#" + counterId)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Reloads the page, as an officer would, until the counter reaches <paramref name="expected"/>.</summary>
    public static async Task WaitForCountAsync(IPage page, string counterId, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var actual = await CountAsync(page, counterId);
            if (actual == expected) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"#{counterId} shows {actual}, expected {expected} within {timeout.TotalSeconds} s.");
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }

    public static long IdFromUrl(IPage page) => long.Parse(new Uri(page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
