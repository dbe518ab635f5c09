using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// Withdraws a person's consent for one channel: recorded with time and source, and every message still
/// waiting for them on that channel is skipped, in every campaign. The dispatcher checks consent again
/// at send time, so a message claimed a moment earlier is not sent either.
/// </summary>
public sealed class Consent(Db db, TimeProvider clock)
{
    public void OptOut(long compatriotId, string channel, string source)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        OptOut(connection, transaction, compatriotId, channel, source);
        transaction.Commit();
    }

    /// <summary>Every channel at once, or none: "no more messages from you" must not stop halfway.</summary>
    public void OptOutEverywhere(long compatriotId, string source)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var channel in Core.Reference.Vocabulary.Channels) OptOut(connection, transaction, compatriotId, channel, source);
        transaction.Commit();
    }

    /// <summary>The same, inside the caller's transaction (a provider's STOP reply is recorded with the opt-out, or neither).</summary>
    public void OptOut(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long compatriotId, string channel, string source)
    {
        var column = Column(channel);
        var now = clock.GetUtcNow();
        var changed = connection.Execute($"UPDATE directory_compatriot SET {column} = 0, updated_at = @now WHERE id = @compatriotId AND {column} = 1",
            new { compatriotId, now }, transaction);
        if (changed > 0)
            connection.Execute("""
                INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at) VALUES (@compatriotId, @channel, 0, @source, @now)
                """, new { compatriotId, channel, source, now }, transaction);
        connection.Execute("""
            UPDATE send_message SET status = 'skipped', error = 'opted-out'
            WHERE compatriot_id = @compatriotId AND channel = @channel AND status = 'pending'
            """, new { compatriotId, channel }, transaction);
    }

    public bool HasConsent(long compatriotId, string channel)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>($"SELECT {Column(channel)} FROM directory_compatriot WHERE id = @compatriotId", new { compatriotId }) == 1;
    }

    // Column names cannot be parameters; they come from this closed list only.
    private static string Column(string channel) => channel switch
    {
        "whatsapp" => "consent_whatsapp",
        "telegram" => "consent_telegram",
        "sms" => "consent_sms",
        "email" => "consent_email",
        _ => throw new ArgumentException($"Unknown channel {channel}"),
    };
}
