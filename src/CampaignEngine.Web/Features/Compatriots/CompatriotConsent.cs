using System.Data;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots;

/// <summary>
/// A person's consent per channel, as the directory holds it: read, withdrawn outside an import (an unsubscribe
/// link, a STOP reply, the person's own page) and granted again by the person themselves, with each change recorded in <c>directory_consent_event</c> beside its time and source.
/// </summary>
internal sealed class CompatriotConsent(Db db)
{
    public bool Has(long compatriotId, string channel)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>($"SELECT {Column(channel)} FROM directory_compatriot WHERE id = @compatriotId", new { compatriotId }) == 1;
    }

    /// <summary>
    /// Withdraws consent for one channel inside the caller's transaction (the caller skips the person's waiting
    /// messages in the same one); a consent already withdrawn records no second event.
    /// </summary>
    public static void Withdraw(IDbConnection connection, IDbTransaction transaction, long compatriotId, string channel, string source, DateTimeOffset now)
    {
        var column = Column(channel);
        var changed = connection.Execute($"UPDATE directory_compatriot SET {column} = 0, updated_at = @now WHERE id = @compatriotId AND {column} = 1",
            new { compatriotId, now }, transaction);
        if (changed > 0)
            connection.Execute("""
                INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at) VALUES (@compatriotId, @channel, 0, @source, @now)
                """, new { compatriotId, channel, source, now }, transaction);
    }

    /// <summary>
    /// Grants consent for one channel inside the caller's transaction (the person turned it on on their own page),
    /// recorded with its source and time; false when the directory has no address for that channel, so nothing can be
    /// granted. A consent already given records no second event.
    /// </summary>
    public static bool Grant(IDbConnection connection, IDbTransaction transaction, long compatriotId, string channel, string source, DateTimeOffset now)
    {
        var column = Column(channel);
        var address = Core.Reference.Vocabulary.AddressField(channel);
        var state = connection.QuerySingleOrDefault<(long Consent, long HasAddress)>(
            $"SELECT {column}, COALESCE({address}, '') <> '' FROM directory_compatriot WHERE id = @compatriotId AND erased_at IS NULL",
            new { compatriotId }, transaction);
        if (state.HasAddress == 0) return false;
        if (state.Consent == 1) return true;
        connection.Execute($"UPDATE directory_compatriot SET {column} = 1, updated_at = @now WHERE id = @compatriotId", new { compatriotId, now }, transaction);
        connection.Execute("""
            INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at) VALUES (@compatriotId, @channel, 1, @source, @now)
            """, new { compatriotId, channel, source, now }, transaction);
        return true;
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
