using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

internal sealed record MessageItem
{
    public long Id { get; init; }
    public long CompatriotId { get; init; }
    public string Channel { get; init; } = null!;
    public string Language { get; init; } = null!;
    public string Status { get; init; } = null!;
    public DateTimeOffset NotBefore { get; init; }
    public long Attempts { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset? ClickedAt { get; init; }
}

internal sealed record HourCount
{
    public string Hour { get; init; } = null!;
    public long Count { get; init; }
}

internal sealed record FunnelRow
{
    public string Gender { get; init; } = null!;
    public long Messages { get; init; }
    public long Pending { get; init; }
    public long Sent { get; init; }
    public long Failed { get; init; }
    public long Delivered { get; init; }
    public long Clicked { get; init; }
    public long Pledged { get; init; }
    public long Fulfilled { get; init; }
    public decimal PledgedUsd { get; init; }
}

/// <summary>
/// Read side of the send ledger for one campaign: pages of messages and the funnel by gender. Never the tracking
/// token: it is the recipient's key to pledge and unsubscribe as themself, and staff have no business holding it.
/// </summary>
internal sealed class MessageQueries(Db db)
{
    public (long Total, IReadOnlyList<MessageItem> Items) Page(long campaignId, string? status, int page, int pageSize)
    {
        using var connection = db.Open();
        var filter = status is null ? "" : "AND status = @status";
        var total = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaignId {filter}", new { campaignId, status });
        var items = connection.Query<MessageItem>($"""
            SELECT id, compatriot_id AS CompatriotId, channel, language, status, not_before AS NotBefore,
                   attempts, sent_at AS SentAt, error, clicked_at AS ClickedAt
            FROM send_message WHERE campaign_id = @campaignId {filter}
            ORDER BY id LIMIT @pageSize OFFSET @offset
            """, new { campaignId, status, pageSize, offset = (page - 1) * pageSize }).ToList();
        return (total, items);
    }

    /// <summary>Sent → clicked → pledged per gender; women, men and other/unknown always appear, even at zero.</summary>
    public IReadOnlyList<FunnelRow> FunnelByGender(long campaignId)
    {
        using var connection = db.Open();
        var rows = connection.Query<FunnelRow>("""
            WITH g(gender) AS (VALUES ('female'), ('male'), ('other'), ('unknown')),
            m AS (
                SELECT c.gender,
                       COUNT(*) AS messages,
                       COUNT(*) FILTER (WHERE s.status IN ('pending', 'sending')) AS pending,
                       COUNT(*) FILTER (WHERE s.status IN ('sent', 'delivered')) AS sent,
                       COUNT(*) FILTER (WHERE s.status = 'delivered') AS delivered,
                       COUNT(*) FILTER (WHERE s.status = 'failed') AS failed,
                       COUNT(*) FILTER (WHERE s.clicked_at IS NOT NULL) AS clicked
                FROM send_message s JOIN directory_compatriot c ON c.id = s.compatriot_id
                WHERE s.campaign_id = @campaignId GROUP BY c.gender),
            p AS (
                SELECT gender, COUNT(DISTINCT compatriot_id) AS pledged, SUM(COALESCE(amount_usd, 0)) AS usd,
                       COUNT(DISTINCT CASE WHEN status = 'fulfilled' THEN compatriot_id END) AS fulfilled
                FROM pledge WHERE campaign_id = @campaignId AND status NOT IN ('cancelled', 'written_off') GROUP BY gender)
            SELECT g.gender AS Gender, COALESCE(m.messages, 0) AS Messages, COALESCE(m.pending, 0) AS Pending,
                   COALESCE(m.sent, 0) AS Sent, COALESCE(m.delivered, 0) AS Delivered, COALESCE(m.failed, 0) AS Failed,
                   COALESCE(m.clicked, 0) AS Clicked, COALESCE(p.pledged, 0) AS Pledged, COALESCE(p.fulfilled, 0) AS Fulfilled,
                   ROUND(COALESCE(p.usd, 0), 2) AS PledgedUsd
            FROM g LEFT JOIN m ON m.gender = g.gender LEFT JOIN p ON p.gender = g.gender
            """, new { campaignId }).ToList();
        return rows;
    }

    /// <summary>How many waiting messages fall due in each hour (UTC), for the "when will it go out" chart.</summary>
    public IReadOnlyList<HourCount> PendingByHour(long campaignId)
    {
        using var connection = db.Open();
        return connection.Query<HourCount>("""
            SELECT replace(substr(not_before, 1, 13), 'T', ' ') || ':00' AS Hour, COUNT(*) AS Count
            FROM send_message WHERE campaign_id = @campaignId AND status IN ('pending', 'sending')
            GROUP BY 1 ORDER BY 1 LIMIT 72
            """, new { campaignId }).ToList();
    }

    /// <summary>Failed messages grouped by reason, most frequent first.</summary>
    public IReadOnlyList<FailureGroup> Failures(long campaignId)
    {
        using var connection = db.Open();
        return connection.Query<FailureGroup>("""
            SELECT COALESCE(error, 'unknown') AS Reason, channel AS Channel, COUNT(*) AS Count
            FROM send_message WHERE campaign_id = @campaignId AND status = 'failed'
            GROUP BY 1, 2 ORDER BY 3 DESC
            """, new { campaignId }).ToList();
    }

    /// <summary>Messages sent in the last ten minutes, per second: the pace behind the estimated finish.</summary>
    public double RecentRate(long campaignId, DateTimeOffset now)
    {
        using var connection = db.Open();
        var sent = connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaignId AND sent_at >= @since",
            new { campaignId, since = now.AddMinutes(-10) });
        return sent / 600.0;
    }
}

internal sealed record FailureGroup
{
    public string Reason { get; init; } = "";
    public string Channel { get; init; } = "";
    public long Count { get; init; }
}
