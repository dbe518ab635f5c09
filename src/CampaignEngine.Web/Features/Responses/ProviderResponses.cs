using System.Data;
using Dapper;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// What providers' callbacks leave with the responses feature: the ids of the events already applied (so a replayed
/// callback changes nothing) and the replies people send. The webhooks feature applies each event inside one
/// transaction with its id, so these writes take the caller's connection and transaction.
/// </summary>
internal static class ProviderResponses
{
    /// <summary>Remembers an event's id until <paramref name="until"/>; false when it was already remembered (a replay).</summary>
    public static bool RememberFirst(IDbConnection connection, IDbTransaction transaction, string channel, string? eventId, DateTimeOffset now, DateTimeOffset until) =>
        connection.Execute("""
            INSERT INTO response_webhook_event (channel, event_id, received_at, expires_at) VALUES (@channel, @eventId, @now, @until)
            ON CONFLICT (channel, event_id) DO NOTHING
            """, new { channel, eventId, now, until }, transaction) == 1;

    /// <summary>Forgets the ids past any use: their events would now be refused as stale, or are older than the configured memory.</summary>
    public static void ForgetExpired(IDbConnection connection, DateTimeOffset now) =>
        connection.Execute("DELETE FROM response_webhook_event WHERE expires_at < @now", new { now });

    /// <summary>Stores a person's reply against the message it answers (null when they had none on that channel).</summary>
    /// <returns>The reply's id.</returns>
    public static long RecordReply(
        IDbConnection connection, IDbTransaction transaction, long? messageId, long compatriotId, string channel, string text, bool isStop, DateTimeOffset now) =>
        connection.ExecuteScalar<long>("""
            INSERT INTO response_reply (message_id, compatriot_id, channel, text, is_stop, received_at)
            VALUES (@messageId, @compatriotId, @channel, @text, @isStop, @now)
            RETURNING id
            """, new { messageId, compatriotId, channel, text = text.Length > 4000 ? text[..4000] : text, isStop, now }, transaction);
}
