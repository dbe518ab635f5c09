using System.Data;
using CampaignEngine.Web.Features.Privacy;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots;

/// <summary>
/// The person's own row and their consent history. Erasure empties every personal field but keeps the row
/// (pledges, messages and certificates point at it) and its home region and country, which the pledge snapshot
/// holds anyway. Consent events are kept: they prove that we had, and then lost, the right to write.
/// </summary>
internal sealed class CompatriotsPersonalData : IPersonalDataContributor
{
    public IReadOnlyList<PersonalColumns> Covers { get; } =
    [
        new("directory_compatriot", ["external_id", "full_name", "search_name", "gender", "birth_year", "district", "village", "city",
            "years_abroad", "willing", "interests", "sectors", "organization_id", "email", "phone", "telegram"]),
        new("directory_consent_event", ["compatriot_id"]),
        // Words derived from the name, phone and external id, for the person picker; erased with them.
        new("directory_search_term", ["term", "compatriot_id"]),
        // Their own page: the link (never exported: the file travels), what they asked of campaigns, the corrections
        // they proposed. All deleted on erasure, so the old link opens the neutral page.
        new("directory_personal_link", ["compatriot_id", "token"]),
        new("directory_preference", ["compatriot_id", "channel_order", "max_per_month", "paused_until"]),
        new("directory_proposed_change", ["compatriot_id", "value"]),
        // Which of their fields they chose themselves, so that an import keeps them; deleted on erasure.
        new("directory_own_choice", ["compatriot_id"]),
    ];

    public IEnumerable<KeyValuePair<string, object>> Export(IDbConnection connection, long compatriotId)
    {
        yield return new("person", connection.QuerySingle("""
            SELECT id, external_id AS "externalId", full_name AS "fullName", gender, birth_year AS "birthYear", home_region AS "homeRegion",
                   district, village, country, city, time_zone AS "timeZone", language, years_abroad AS "yearsAbroad", willing,
                   interests, sectors, organization_id AS "organizationId", email, phone, telegram,
                   consent_whatsapp AS "consentWhatsapp", consent_telegram AS "consentTelegram", consent_sms AS "consentSms",
                   consent_email AS "consentEmail", created_at AS "createdAt", updated_at AS "updatedAt", erased_at AS "erasedAt"
            FROM directory_compatriot WHERE id = @compatriotId
            """, new { compatriotId }));
        yield return new("consent", connection.Query("""
            SELECT channel, granted, source, at FROM directory_consent_event WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
        yield return new("preferences", connection.Query("""
            SELECT channel_order AS "channelOrder", max_per_month AS "maxPerMonth", paused_until AS "pausedUntil", updated_at AS "updatedAt"
            FROM directory_preference WHERE compatriot_id = @compatriotId
            """, new { compatriotId }).ToList());
        yield return new("ownChoices", connection.Query("""
            SELECT field, chosen_at AS "chosenAt" FROM directory_own_choice WHERE compatriot_id = @compatriotId ORDER BY field
            """, new { compatriotId }).ToList());
        yield return new("proposedChanges", connection.Query("""
            SELECT field, value, state, proposed_at AS "proposedAt", decided_at AS "decidedAt"
            FROM directory_proposed_change WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
    }

    public void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now)
    {
        // A repeated erasure keeps the first time of erasure and adds no second set of withdrawals.
        var first = connection.ExecuteScalar<long>("SELECT erased_at IS NULL FROM directory_compatriot WHERE id = @compatriotId",
            new { compatriotId }, transaction) == 1;
        connection.Execute("""
            UPDATE directory_compatriot
            SET full_name = @erased, external_id = NULL, search_name = NULL, gender = 'unknown', birth_year = NULL, district = NULL,
                village = NULL, city = NULL, years_abroad = NULL, willing = NULL, interests = NULL, sectors = NULL,
                organization_id = NULL, email = NULL, phone = NULL, telegram = NULL,
                consent_whatsapp = 0, consent_telegram = 0, consent_sms = 0, consent_email = 0,
                updated_at = @now, erased_at = COALESCE(erased_at, @now), search_version = @searchVersion
            WHERE id = @compatriotId
            """, new { compatriotId, now, erased = Erased.Text, searchVersion = Search.SearchTerms.Version }, transaction);
        Search.SearchIndex.Remove(connection, transaction, compatriotId);
        Self.PersonalLinks.Forget(connection, transaction, compatriotId);
        connection.Execute("DELETE FROM directory_preference WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);
        connection.Execute("DELETE FROM directory_proposed_change WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);
        Self.OwnChoices.Forget(connection, transaction, compatriotId);
        if (!first) return;
        connection.Execute("""
            INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at)
            SELECT @compatriotId, column1, 0, 'erasure', @now FROM (VALUES ('whatsapp'), ('telegram'), ('sms'), ('email')) AS c
            """, new { compatriotId, now }, transaction);
    }
}
