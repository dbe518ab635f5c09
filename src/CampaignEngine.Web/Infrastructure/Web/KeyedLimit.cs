using System.Threading.RateLimiting;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// At most <c>permits</c> actions per key (a user, a client address) in each fixed window, counted where the action
/// happens rather than by the framework's request limiter, which runs before the user or the outcome is known.
/// </summary>
internal sealed class KeyedLimit<TKey>(int permits, TimeSpan window) : IDisposable where TKey : notnull
{
    private readonly PartitionedRateLimiter<TKey> _limiter = PartitionedRateLimiter.Create<TKey, TKey>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
        }));

    /// <summary>Counts one action for <paramref name="key"/>; null when allowed, else how long to wait.</summary>
    public TimeSpan? Refusal(TKey key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
    }

    public void Dispose() => _limiter.Dispose();
}
