using System.Data;
using CampaignEngine.Web.Features.Responses;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>
/// Applies what providers report: delivery statuses on the ledger row with that provider id, replies stored
/// against the person's latest message on that channel, and STOP words as an opt-out. Each event is applied once:
/// its id is remembered in the same transaction as its effect, so a replayed callback (or a provider's retry of one
/// already applied) changes nothing, and a crash never leaves an effect without its id or the reverse.
/// </summary>
public sealed class ProviderEvents(Db db, Consent consent, TimeProvider clock)
{
    /// <summary>Applies each event not seen before; returns how many were applied and how many were replays.</summary>
    /// <param name="rememberUntil">Until when an event's id must be kept for its replay to be recognised.</param>
    public (int Applied, int Replayed) Apply(IReadOnlyList<ProviderEvent> providerEvents, Func<ProviderEvent, DateTimeOffset> rememberUntil)
    {
        var now = clock.GetUtcNow();
        var (applied, replayed) = (0, 0);
        using var connection = db.Open();
        foreach (var providerEvent in providerEvents)
        {
            using var transaction = connection.BeginTransaction();
            var first = connection.Execute("""
                INSERT INTO response_webhook_event (channel, event_id, received_at, expires_at) VALUES (@Channel, @EventId, @now, @until)
                ON CONFLICT (channel, event_id) DO NOTHING
                """, new { providerEvent.Channel, providerEvent.EventId, now, until = rememberUntil(providerEvent) }, transaction) == 1;
            if (first)
            {
                Apply(connection, transaction, providerEvent, now);
                applied++;
            }
            else replayed++;
            transaction.Commit();
        }
        // Ids past any use: their events would now be refused as stale, or are older than the configured memory.
        connection.Execute("DELETE FROM response_webhook_event WHERE expires_at < @now", new { now });
        return (applied, replayed);
    }

    private void Apply(IDbConnection connection, IDbTransaction transaction, ProviderEvent providerEvent, DateTimeOffset now)
    {
        switch (providerEvent)
        {
            case DeliveryReport report: Apply(connection, transaction, report, now); break;
            case InboundMessage inbound: Apply(connection, transaction, inbound, now); break;
        }
    }

    private static void Apply(IDbConnection connection, IDbTransaction transaction, DeliveryReport report, DateTimeOffset now)
    {
        switch (report.Status)
        {
            case "delivered" or "read":
                connection.Execute("""
                    UPDATE send_message SET status = 'delivered', delivered_at = COALESCE(delivered_at, @now)
                    WHERE provider_id = @ProviderId AND channel = @Channel AND status IN ('sent', 'delivered')
                    """, new { report.ProviderId, report.Channel, now }, transaction);
                break;
            case "failed" or "undelivered":
                connection.Execute("""
                    UPDATE send_message SET status = 'failed', error = @error
                    WHERE provider_id = @ProviderId AND channel = @Channel AND status IN ('sent', 'delivered')
                    """, new { report.ProviderId, report.Channel, error = "provider: " + (report.Error ?? "undelivered") }, transaction);
                break;
        }
    }

    private void Apply(IDbConnection connection, IDbTransaction transaction, InboundMessage inbound, DateTimeOffset now)
    {
        var column = inbound.Channel == "telegram" ? "telegram" : "phone";
        var handles = inbound.Handles.Count > 0 ? inbound.Handles : [inbound.From];
        var person = connection.QueryFirstOrDefault<long?>(
            $"SELECT id FROM directory_compatriot WHERE {column} IN @handles ORDER BY id LIMIT 1", new { handles }, transaction);
        if (person is not { } compatriotId) return;   // a stranger's message: nothing of theirs to record
        var messageId = connection.ExecuteScalar<long?>(
            "SELECT MAX(id) FROM send_message WHERE compatriot_id = @compatriotId AND channel = @Channel", new { compatriotId, inbound.Channel }, transaction);
        var isStop = StopWords.IsStop(inbound.Text);
        connection.Execute("""
            INSERT INTO response_reply (message_id, compatriot_id, channel, text, is_stop, received_at)
            VALUES (@messageId, @compatriotId, @Channel, @text, @isStop, @now)
            """, new { messageId, compatriotId, inbound.Channel, text = inbound.Text.Length > 4000 ? inbound.Text[..4000] : inbound.Text, isStop, now }, transaction);
        if (isStop) consent.OptOut(connection, transaction, compatriotId, inbound.Channel, $"{inbound.Channel}-stop-word");
    }
}
