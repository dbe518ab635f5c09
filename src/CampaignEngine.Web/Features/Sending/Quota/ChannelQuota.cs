using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Sending.Quota;

/// <summary>A provider's limits: messages per second and per day (UTC); null means no limit of that kind.</summary>
internal sealed record ChannelLimits(double? PerSecond, int? PerDay)
{
    public static readonly ChannelLimits None = new(null, null);
    public bool Any => PerSecond is > 0 || PerDay is > 0;
}

/// <summary>
/// Grants sends against a channel's per-second and per-day limits, counted in the shared database rather than in
/// memory: every worker of every host that uses the same database draws from the same allowance. Grants come in
/// chunks (one short write transaction per chunk, not per message). The per-second window is fixed (whole
/// seconds); the in-process token bucket in front of each provider spaces the sends within the second.
/// </summary>
internal sealed class ChannelQuota(Db db, TimeProvider clock)
{
    /// <summary>The outcome of asking: how many sends may start now, or the time the day's allowance comes back.</summary>
    public readonly record struct Grant(int Count, DateTimeOffset? ExhaustedUntil);

    /// <summary>
    /// Waits (across second boundaries) until at least one of <paramref name="wanted"/> sends may start, and
    /// returns how many; returns a count of 0 with the next UTC midnight when the day's allowance is used up.
    /// </summary>
    public async Task<Grant> AcquireAsync(string channel, ChannelLimits limits, int wanted, CancellationToken cancellationToken)
    {
        if (!limits.Any || wanted <= 0) return new Grant(wanted, null);
        while (true)
        {
            var now = clock.GetUtcNow();
            var (granted, dayFull) = TryTake(channel, limits, wanted, now);
            if (granted > 0) return new Grant(granted, null);
            if (dayFull) return new Grant(0, new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero));
            // This second's allowance is spent: wait for the next second.
            var nextSecond = TimeSpan.FromMilliseconds(1000 - now.Millisecond);
            await Task.Delay(nextSecond, clock, cancellationToken);
        }
    }

    private (int Granted, bool DayFull) TryTake(string channel, ChannelLimits limits, int wanted, DateTimeOffset now)
    {
        var second = $"s:{now.ToUnixTimeSeconds()}";
        var day = $"d:{now.UtcDateTime:yyyy-MM-dd}";
        using var connection = db.Open();
        // One taker of the channel at a time, on every host, so two cannot both read the same "used".
        using var transaction = SendingSql.Of(connection).BeginQuotaTransaction(connection, channel);
        int Used(string period) => connection.ExecuteScalar<int?>(
            "SELECT used FROM channel_usage WHERE channel = @channel AND period = @period", new { channel, period }, transaction) ?? 0;

        var room = wanted;
        if (limits.PerDay is > 0 and var perDay)
        {
            var left = perDay - Used(day);
            if (left <= 0) return (0, true);
            room = Math.Min(room, left);
        }
        if (limits.PerSecond is > 0 and var perSecond)
            room = Math.Min(room, Math.Max(0, (int)Math.Floor(perSecond) - Used(second)));
        if (room <= 0) return (0, false);

        const string add = """
            INSERT INTO channel_usage (channel, period, used) VALUES (@channel, @period, @room)
            ON CONFLICT (channel, period) DO UPDATE SET used = channel_usage.used + excluded.used
            """;
        if (limits.PerDay is > 0) connection.Execute(add, new { channel, period = day, room }, transaction);
        if (limits.PerSecond is > 0) connection.Execute(add, new { channel, period = second, room }, transaction);
        // Past seconds are of no further use; a day is kept for the record.
        connection.Execute("DELETE FROM channel_usage WHERE channel = @channel AND period LIKE 's:%' AND period < @second",
            new { channel, second }, transaction);
        transaction.Commit();
        return (room, false);
    }
}
