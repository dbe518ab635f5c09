using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Privacy;

/// <summary>
/// A person's right to see and to erase what is held about them. Export gathers every table that
/// mentions them; erasure empties the personal fields, cuts their links and replies, and keeps pledges
/// (already carrying a gender/age/region snapshot) so that reported totals do not change. Consent
/// records are kept: they prove that we had, and then lost, the right to write.
/// </summary>
public sealed class PersonalData(Db db, TimeProvider clock)
{
    public object Export(long compatriotId)
    {
        using var connection = db.Open();
        object Rows(string sql) => connection.Query(sql, new { compatriotId }).ToList();
        return new
        {
            exportedAt = clock.GetUtcNow(),
            person = connection.QuerySingle("""
                SELECT id, external_id AS externalId, full_name AS fullName, gender, birth_year AS birthYear, home_region AS homeRegion,
                       district, village, country, city, time_zone AS timeZone, language, years_abroad AS yearsAbroad, willing,
                       interests, sectors, organization_id AS organizationId, email, phone, telegram,
                       consent_whatsapp AS consentWhatsapp, consent_telegram AS consentTelegram, consent_sms AS consentSms,
                       consent_email AS consentEmail, created_at AS createdAt, updated_at AS updatedAt, erased_at AS erasedAt
                FROM directory_compatriot WHERE id = @compatriotId
                """, new { compatriotId }),
            consent = Rows("SELECT channel, granted, source, at FROM directory_consent_event WHERE compatriot_id = @compatriotId ORDER BY id"),
            // Statuses only: the tracking tokens are keys to the person's pages and do not belong in a file that travels.
            messages = Rows("""
                SELECT m.campaign_id AS campaignId, c.name AS campaign, m.channel, m.language, m.status, m.sent_at AS sentAt, m.clicked_at AS clickedAt
                FROM send_message m JOIN campaign c ON c.id = m.campaign_id WHERE m.compatriot_id = @compatriotId ORDER BY m.id
                """),
            replies = Rows("SELECT channel, text, received_at AS receivedAt FROM response_reply WHERE compatriot_id = @compatriotId ORDER BY id"),
            pledges = Rows("""
                SELECT id, kind, contribution_type AS contributionType, amount, currency, hours, items, description, status,
                       fulfilled_usd AS fulfilledUsd, project_id AS projectId, campaign_id AS campaignId, created_at AS createdAt
                FROM pledge WHERE compatriot_id = @compatriotId ORDER BY id
                """),
            certificates = Rows("SELECT serial, kind, language, holder_name AS holderName, issued_at AS issuedAt, status FROM certificate WHERE compatriot_id = @compatriotId ORDER BY id"),
        };
    }

    public void Erase(long compatriotId)
    {
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute("""
            UPDATE directory_compatriot
            SET full_name = '—', external_id = NULL, search_name = NULL, gender = 'unknown', birth_year = NULL, district = NULL,
                village = NULL, city = NULL, years_abroad = NULL, willing = NULL, interests = NULL, sectors = NULL,
                organization_id = NULL, email = NULL, phone = NULL, telegram = NULL,
                consent_whatsapp = 0, consent_telegram = 0, consent_sms = 0, consent_email = 0,
                updated_at = @now, erased_at = @now
            WHERE id = @compatriotId
            """, new { compatriotId, now }, transaction);
        connection.Execute("""
            INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at)
            SELECT @compatriotId, column1, 0, 'erasure', @now FROM (VALUES ('whatsapp'), ('telegram'), ('sms'), ('email'))
            """, new { compatriotId, now }, transaction);
        // New random tokens: the old links in old messages no longer open anything.
        connection.Execute("""
            UPDATE send_message SET token = lower(hex(randomblob(16))),
                   status = CASE WHEN status IN ('pending', 'sending') THEN 'skipped' ELSE status END,
                   error = CASE WHEN status IN ('pending', 'sending') THEN 'erased' ELSE error END
            WHERE compatriot_id = @compatriotId
            """, new { compatriotId }, transaction);
        connection.Execute("DELETE FROM response_reply WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);
        connection.Execute("UPDATE pledge SET description = NULL, public_name_consent = 0 WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);
        transaction.Commit();
    }
}
