using CampaignEngine.Web.Features.Sending.Channels;

namespace CampaignEngine.Web.Tests.Sending;

public sealed class TokenBucketTests
{
    /// <summary>A clock the test moves by hand; only timestamps matter to the bucket.</summary>
    /// <summary>A clock that moves only when told to; its timers fire when it has moved past them, never by themselves.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private readonly List<ManualTimer> _timers = [];
        private long _ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by)
        {
            _ticks += by.Ticks;
            foreach (var timer in _timers.Where(t => t.DueAt <= _ticks).ToList())
            {
                _timers.Remove(timer);
                timer.Fire();
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, () => callback(state));
            timer.Change(dueTime, period);
            return timer;
        }

        /// <summary>A one-shot timer on the manual clock (the bucket's waits need no period).</summary>
        private sealed class ManualTimer(ManualClock clock, Action fire) : ITimer
        {
            public long DueAt { get; private set; }

            public void Fire() => fire();

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = clock._ticks + dueTime.Ticks;
                clock._timers.Add(this);
                return true;
            }

            public void Dispose() => clock._timers.Remove(this);

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    [Fact]
    public void A_full_bucket_lets_one_second_of_sends_through_then_spaces_the_rest()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(10, clock);
        for (var i = 0; i < 10; i++) Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve());
        // Concurrent callers queue up behind each other instead of all waiting the same 100 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.Reserve());
    }

    [Fact]
    public void Tokens_come_back_at_the_rate_and_never_beyond_capacity()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(5, clock);
        for (var i = 0; i < 5; i++) bucket.Reserve();
        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.True(bucket.Reserve() > TimeSpan.Zero);

        clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 5; i++) Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.True(bucket.Reserve() > TimeSpan.Zero, "an idle hour must not bank more than one second of sends");
    }

    [Fact]
    public void Thirty_three_workers_at_once_are_spread_over_ten_seconds_at_three_per_second()
    {
        var bucket = new TokenBucket(3, new ManualClock());
        var waits = Enumerable.Range(0, 33).Select(_ => bucket.Reserve()).ToList();
        Assert.All(waits.Take(3), w => Assert.Equal(TimeSpan.Zero, w));
        for (var i = 3; i < waits.Count; i++)
            Assert.Equal((i - 2) / 3.0, waits[i].TotalSeconds, 6);
        Assert.Equal(10, waits[^1].TotalSeconds, 6);
    }

    [Fact]
    public async Task WaitAsync_waits_on_the_given_clock()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(1, clock);
        await bucket.WaitAsync(CancellationToken.None);
        var second = bucket.WaitAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(second.IsCompleted, "the second send went through before a token came back");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
