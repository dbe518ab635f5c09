using System.Data;
using System.Globalization;
using System.Text;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// What a campaign asks the ledger to write: one message for each compatriot <c>c</c> that <see cref="Audience"/>
/// selects, on the channel <see cref="ChannelSql"/> picks for them (it may read their preferences, <c>p</c>) (no message when it picks none), not before
/// <see cref="FirstOpening"/> (zone, now) in their time zone. The campaigns feature builds it, since the audience, the
/// channels and the schedule are its own; the ledger only writes the rows.
/// </summary>
internal sealed record LedgerRequest(
    long CampaignId, string Audience, DynamicParameters Parameters, string ChannelSql,
    Func<TimeZoneInfo, DateTimeOffset, DateTimeOffset> FirstOpening);

/// <summary>
/// The send ledger's commands other features ask for; only the sending feature writes <c>send_message</c>. Launching
/// writes one row per (campaign, recipient, channel) in a single INSERT … SELECT; a cancel, an opt-out, a click and a
/// provider's delivery report change rows here. A method that takes a connection and transaction runs inside the
/// caller's (and is static: it needs nothing of this host's): its change must commit together with the caller's own
/// (a cancelled campaign with messages still pending, or an opt-out recorded with its messages still queued, would
/// send what must not be sent; a provider's report applied without its event id would be applied again).
/// </summary>
internal sealed class Ledger(Db db, TimeProvider clock)
{
    /// <summary>
    /// What was written: <see cref="FirstSend"/> is the earliest row's not_before (null when nobody was written), and
    /// <see cref="WrittenAt"/> the instant the openings were computed from. A caller compares the two, not the first with
    /// its own earlier "now": an opening that is "at once" equals this instant, and would be a few microseconds after its
    /// own, which made every launch "now" a Hangfire schedule instead of a queued job.
    /// </summary>
    public sealed record Result(int Written, DateTimeOffset? FirstSend, DateTimeOffset WrittenAt)
    {
        /// <summary>Whether the first message waits for a later opening (a launch time, or a window not open yet).</summary>
        public bool Waits => FirstSend > WrittenAt;
    }


    /// <summary>
    /// Each row's not_before is the first opening of the campaign's window in the recipient's time zone; the zones of
    /// an audience are few, so they are computed here and passed as one CASE. The unique key makes a second launch a
    /// no-op, and the tracking token is random per row.
    /// </summary>
    public Result Write(LedgerRequest request)
    {
        var now = clock.GetUtcNow();
        var parameters = request.Parameters;
        using var connection = db.Open();
        // The audience's lists read as each engine reads a list parameter (ListParameters).
        var audience = SqlList.On(connection, request.Audience);
        var zones = connection.Query<string>($"SELECT DISTINCT c.time_zone FROM directory_compatriot c WHERE {audience}", parameters).ToList();
        if (zones.Count == 0) return new Result(0, null, now);

        var notBefore = new StringBuilder("CASE c.time_zone");
        var opening = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < zones.Count; i++)
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zones[i], out var found) ? found : TimeZoneInfo.Utc;
            opening[zones[i]] = request.FirstOpening(zone, now);
            notBefore.Append(CultureInfo.InvariantCulture, $" WHEN @zone{i} THEN @opens{i}");
            parameters.Add($"zone{i}", zones[i]);
            parameters.Add($"opens{i}", opening[zones[i]]);
        }
        notBefore.Append(" END");
        parameters.Add("campaignId", request.CampaignId);

        using var transaction = connection.BeginTransaction();
        var written = connection.Execute($"""
            INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, token)
            SELECT @campaignId, id, channel, language, 'pending', not_before, lower(hex(randomblob(16)))
            FROM (SELECT c.id, c.language, {request.ChannelSql} AS channel, {notBefore} AS not_before
                  FROM {Campaigns.AudienceSql.People}
                  WHERE {audience}) AS audience
            WHERE channel IS NOT NULL
            ON CONFLICT (campaign_id, compatriot_id, channel) DO NOTHING
            """, parameters, transaction, commandTimeout: Db.BulkStatementSeconds);   // the unique key makes the retry of a cut one safe either way
        transaction.Commit();
        return new Result(written, opening.Values.Min(), now);
    }

    /// <summary>A cancelled campaign's messages not yet sent are skipped with the reason "cancelled".</summary>
    public static void CancelPending(IDbConnection connection, IDbTransaction transaction, long campaignId) =>
        connection.Execute(
            "UPDATE send_message SET status = 'skipped', error = 'cancelled' WHERE campaign_id = @campaignId AND status = 'pending'",
            new { campaignId }, transaction);

    /// <summary>Puts a campaign's failed messages (of one reason, or all) back in the queue with fresh attempts; returns how many.</summary>
    public int RetryFailed(long campaignId, string? reason)
    {
        using var connection = db.Open();
        return connection.Execute("""
            UPDATE send_message SET status = 'pending', attempts = 0, error = NULL, not_before = @now
            WHERE campaign_id = @campaignId AND status = 'failed' AND (@reason IS NULL OR error = @reason)
            """, new { campaignId, reason, now = clock.GetUtcNow() });
    }

    /// <summary>
    /// Every message still waiting for the person on that channel, in every campaign, is skipped as opted out; returns the
    /// campaigns of those messages (an answer of the desk among them must be told it will not go).
    /// </summary>
    public static IReadOnlyList<long> SkipOptedOut(IDbConnection connection, IDbTransaction transaction, long compatriotId, string channel) =>
        connection.Query<long>("""
            UPDATE send_message SET status = 'skipped', error = 'opted-out'
            WHERE compatriot_id = @compatriotId AND channel = @channel AND status = 'pending'
            RETURNING campaign_id
            """, new { compatriotId, channel }, transaction).ToList();

    /// <summary>The person opened the message's link: counted, and the first time kept.</summary>
    public void RecordClick(long messageId)
    {
        using var connection = db.Open();
        connection.Execute("UPDATE send_message SET clicks = clicks + 1, clicked_at = COALESCE(clicked_at, @now) WHERE id = @messageId",
            new { messageId, now = clock.GetUtcNow() });
    }

    /// <summary>The provider delivered (or the reader read) the message it knows by <paramref name="providerId"/>.</summary>
    public static void RecordDelivered(IDbConnection connection, IDbTransaction transaction, string providerId, string channel, DateTimeOffset now) =>
        connection.Execute("""
            UPDATE send_message SET status = 'delivered', delivered_at = COALESCE(delivered_at, @now)
            WHERE provider_id = @providerId AND channel = @channel AND status IN ('sent', 'delivered')
            """, new { providerId, channel, now }, transaction);

    /// <summary>
    /// The provider could not deliver a message it had accepted: it fails with the provider's reason. Returns the message
    /// that failed now (none when it had already failed: a second report of the same failure changes nothing), so that
    /// the caller can tell whoever waits for it, in the same transaction. A message that did not reach the person does
    /// not count under their monthly cap (as the audience preview counts): its place is given back.
    /// </summary>
    public static IReadOnlyList<LateFailure> RecordUndelivered(IDbConnection connection, IDbTransaction transaction, string providerId, string channel, string error)
    {
        var failed = connection.Query<LateFailure>("""
            UPDATE send_message SET status = 'failed', error = @error
            WHERE provider_id = @providerId AND channel = @channel AND status IN ('sent', 'delivered')
            RETURNING id AS MessageId, campaign_id AS CampaignId, compatriot_id AS CompatriotId, counted_month AS CountedMonth
            """, new { providerId, channel, error }, transaction).ToList();
        MonthlyCap.GiveBack(connection, transaction, [.. failed.Where(f => f.CountedMonth is not null).Select(f => (f.MessageId, f.CompatriotId, f.CountedMonth!))]);
        return failed;
    }

    /// <summary>A message the provider reported undelivered after it had been sent, with the month of its place under a cap, if it held one.</summary>
    public sealed record LateFailure(long MessageId, long CampaignId, long CompatriotId, string? CountedMonth);

    /// <summary>
    /// The message the provider knows by <paramref name="providerId"/> on <paramref name="channel"/> (a WhatsApp wamid, a
    /// Telegram "chat:message", an e-mail's Message-ID), which a reply that names it answers; null when none is ours.
    /// </summary>
    public static (long MessageId, long CompatriotId)? ByProviderId(IDbConnection connection, IDbTransaction transaction, string channel, string providerId) =>
        connection.QueryFirstOrDefault<(long MessageId, long CompatriotId)?>(
            "SELECT id, compatriot_id FROM send_message WHERE provider_id = @providerId AND channel = @channel ORDER BY id LIMIT 1",
            new { providerId, channel }, transaction);

    /// <summary>The person's latest message on a channel, which a reply on that channel answers; null when none.</summary>
    public static long? LatestMessage(IDbConnection connection, IDbTransaction transaction, long compatriotId, string channel) =>
        connection.ExecuteScalar<long?>(
            "SELECT MAX(id) FROM send_message WHERE compatriot_id = @compatriotId AND channel = @channel", new { compatriotId, channel }, transaction);
}
