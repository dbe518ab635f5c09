using CampaignEngine.Web.Features.Responses;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>
/// Applies what providers report: delivery statuses on the ledger row with that provider id, replies
/// stored against the person's latest message on that channel, and STOP words as an opt-out.
/// </summary>
public sealed class ProviderEvents(Db db, Consent consent, TimeProvider clock)
{
    public void Apply(ProviderEvent providerEvent)
    {
        switch (providerEvent)
        {
            case DeliveryReport report: Apply(report); break;
            case InboundMessage inbound: Apply(inbound); break;
        }
    }

    private void Apply(DeliveryReport report)
    {
        using var connection = db.Open();
        var now = clock.GetUtcNow();
        switch (report.Status)
        {
            case "delivered" or "read":
                connection.Execute("""
                    UPDATE send_message SET status = 'delivered', delivered_at = COALESCE(delivered_at, @now)
                    WHERE provider_id = @ProviderId AND channel = @Channel AND status IN ('sent', 'delivered')
                    """, new { report.ProviderId, report.Channel, now });
                break;
            case "failed" or "undelivered":
                connection.Execute("""
                    UPDATE send_message SET status = 'failed', error = @error
                    WHERE provider_id = @ProviderId AND channel = @Channel AND status IN ('sent', 'delivered')
                    """, new { report.ProviderId, report.Channel, error = "provider: " + (report.Error ?? "undelivered") });
                break;
        }
    }

    private void Apply(InboundMessage inbound)
    {
        using var connection = db.Open();
        var column = inbound.Channel == "telegram" ? "telegram" : "phone";
        var handles = inbound.Handles.Count > 0 ? inbound.Handles : [inbound.From];
        var person = connection.QueryFirstOrDefault<long?>($"SELECT id FROM directory_compatriot WHERE {column} IN @handles ORDER BY id LIMIT 1", new { handles });
        if (person is not { } compatriotId) return;   // a stranger's message: nothing of theirs to record
        var messageId = connection.ExecuteScalar<long?>(
            "SELECT MAX(id) FROM send_message WHERE compatriot_id = @compatriotId AND channel = @Channel", new { compatriotId, inbound.Channel });
        var isStop = StopWords.IsStop(inbound.Text);
        connection.Execute("""
            INSERT INTO response_reply (message_id, compatriot_id, channel, text, is_stop, received_at)
            VALUES (@messageId, @compatriotId, @Channel, @text, @isStop, @now)
            """, new { messageId, compatriotId, inbound.Channel, text = inbound.Text.Length > 4000 ? inbound.Text[..4000] : inbound.Text, isStop, now = clock.GetUtcNow() });
        if (isStop) consent.OptOut(compatriotId, inbound.Channel, $"{inbound.Channel}-stop-word");
    }
}
