namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// A token bucket holding at most one second's worth of sends. Callers reserve a slot and wait until
/// it comes due, so concurrent workers are spaced out instead of all passing and then all waiting.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _clock;
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _updated;

    public TokenBucket(double ratePerSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        _clock = clock;
        _ratePerSecond = ratePerSecond;
        _capacity = Math.Max(1, ratePerSecond);
        _tokens = _capacity;
        _updated = clock.GetTimestamp();
    }

    public double RatePerSecond => _ratePerSecond;

    /// <summary>Takes one token, possibly going into debt, and returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            var elapsed = _clock.GetElapsedTime(_updated, now).TotalSeconds;
            _updated = now;
            _tokens = Math.Min(_capacity, _tokens + elapsed * _ratePerSecond) - 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _ratePerSecond);
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        return wait == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _clock, cancellationToken);
    }
}
