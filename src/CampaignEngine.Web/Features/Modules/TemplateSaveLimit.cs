using System.Globalization;
using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>
/// How often one user may save templates (<c>RateLimits:TemplateSavesPerMinute</c>, 10 by default). Every save,
/// accepted or refused, parses and trial-renders each part for up to the render limit, so a script posting
/// templates in a loop would keep the host's few cores busy. Counted per user, not per address: the API and the
/// page are both signed in, and the framework's limiter runs before the user is known.
/// </summary>
internal sealed class TemplateSaveLimit(IConfiguration configuration) : IDisposable
{
    private readonly KeyedLimit<long> _limit = new(configuration.GetValue("RateLimits:TemplateSavesPerMinute", 10), TimeSpan.FromMinutes(1));

    /// <summary>Counts a save by <paramref name="userId"/>; null when allowed, else how long to wait.</summary>
    public TimeSpan? Refusal(long userId) => _limit.Refusal(userId);

    /// <summary>The refusal as people read it, with the wait rounded up to whole seconds.</summary>
    public static string Message(TimeSpan retryAfter) => string.Create(CultureInfo.InvariantCulture,
        $"too many template saves; try again in {Seconds(retryAfter)} s");

    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public void Dispose() => _limit.Dispose();
}
