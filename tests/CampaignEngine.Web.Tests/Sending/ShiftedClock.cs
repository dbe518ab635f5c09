namespace CampaignEngine.Web.Tests.Sending;

/// <summary>Real time plus an offset the test moves forward, so a "retry in two minutes" can come due at once.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
