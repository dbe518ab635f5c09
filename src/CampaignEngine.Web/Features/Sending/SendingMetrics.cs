using System.Diagnostics.Metrics;
using System.Globalization;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Metrics;
using Dapper;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// The sending figures on <c>/metrics</c>: messages settled by channel and outcome (counted as the dispatcher records
/// them), and, read from the ledger at each scrape, how many messages are due and waiting, how many are claimed, and
/// how long the oldest due one has waited (the claim lag: it grows when the dispatcher falls behind or stops).
/// </summary>
internal sealed class SendingMetrics : IMetricSource
{
    public const string Sent = "sent", Retry = "retry", Deferred = "deferred", Skipped = "skipped", Failed = "failed";

    private readonly Counter<long> _messages;
    private readonly Db _db;
    private readonly TimeProvider _clock;

    public SendingMetrics(ProductMeter meter, Db db, TimeProvider clock)
    {
        _db = db;
        _clock = clock;
        _messages = meter.Meter.CreateCounter<long>("campaignengine.messages",
            description: "Messages settled by the dispatcher, by channel and outcome (sent, retry, deferred, skipped, failed).");
        meter.Meter.CreateObservableGauge("campaignengine.queue.depth", () => Queue().Due,
            description: "Messages due now and waiting in the send ledger.");
        meter.Meter.CreateObservableGauge("campaignengine.queue.claimed", () => Queue().Claimed,
            description: "Messages claimed by a dispatcher and not yet settled.");
        meter.Meter.CreateObservableGauge("campaignengine.claim.lag.seconds", () => Queue().LagSeconds,
            description: "Seconds the oldest due message has waited to be claimed (0 when none waits).");
    }

    /// <summary>Counts one recorded group of outcomes, per channel and outcome.</summary>
    public void Settled(IEnumerable<(string Channel, string Outcome)> outcomes)
    {
        foreach (var group in outcomes.CountBy(o => o))
            _messages.Add(group.Value, new KeyValuePair<string, object?>("channel", group.Key.Channel), new KeyValuePair<string, object?>("outcome", group.Key.Outcome));
    }

    // Properties, not a positional record: MIN over no row comes back as a NULL that SQLite types as no text.
    private sealed class QueueRow
    {
        public long Due { get; init; }
        public long Claimed { get; init; }
        public string? Oldest { get; init; }
    }

    private (DateTimeOffset At, (long Due, long Claimed, double LagSeconds) Figures)? _lastRead;

    /// <summary>The three queue figures of one scrape, read once: the gauges ask one after another.</summary>
    private (long Due, long Claimed, double LagSeconds) Queue()
    {
        var now = _clock.GetUtcNow();
        if (_lastRead is { } last && now - last.At < TimeSpan.FromSeconds(1)) return last.Figures;
        var figures = Read(now);
        _lastRead = (now, figures);
        return figures;
    }

    private (long Due, long Claimed, double LagSeconds) Read(DateTimeOffset now)
    {
        using var connection = _db.Open();
        // Per campaign (campaign_id IN …), so that each count and the minimum read the claim's index (campaign_id, status, not_before).
        var row = connection.QuerySingle<QueueRow>("""
            SELECT (SELECT COUNT(*) FROM send_message WHERE campaign_id IN (SELECT id FROM campaign) AND status = 'pending' AND not_before <= @now) AS Due,
                   (SELECT COUNT(*) FROM send_message WHERE campaign_id IN (SELECT id FROM campaign) AND status = 'sending') AS Claimed,
                   (SELECT MIN(not_before) FROM send_message WHERE campaign_id IN (SELECT id FROM campaign) AND status = 'pending' AND not_before <= @now) AS Oldest
            """, new { now });
        var lag = row.Oldest is null ? 0 : Math.Max(0, (now - DateTimeOffset.Parse(row.Oldest, CultureInfo.InvariantCulture)).TotalSeconds);
        return (row.Due, row.Claimed, lag);
    }
}
