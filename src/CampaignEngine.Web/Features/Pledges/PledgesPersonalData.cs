using System.Data;
using CampaignEngine.Web.Features.Privacy;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>
/// Pledges and their fulfilments. Erasure keeps every pledge and amount, pseudonymised (the person's row is
/// emptied; the pledge keeps only its gender/age/region snapshot), so that totals, reports and project pages do
/// not change; it drops what people type and may hold the name: the description, the reasons given for a
/// status or a rejection, the fulfilment evidence (a bank reference names the payer), and the consent to be
/// thanked by name.
/// </summary>
internal sealed class PledgesPersonalData : IPersonalDataContributor
{
    public IReadOnlyList<PersonalColumns> Covers { get; } =
    [
        new("pledge", ["compatriot_id", "description", "status_reason", "public_name_consent"]),
        new("pledge_fulfilment", ["evidence", "reason"]),
        // One row per (gender, person) counting live pledges, so that donor totals stay exact: an id, no more.
        new("pledge_donor", ["compatriot_id"]),
        // An offer from a project page names its maker only while it waits (a stranger, not yet anyone in the directory);
        // deciding it erases the contact. Once confirmed it points at the person, and goes with them.
        new("pledge_offer", ["compatriot_id", "full_name", "phone", "email", "description", "drop_reason"]),
    ];

    public IEnumerable<KeyValuePair<string, object>> Export(IDbConnection connection, long compatriotId)
    {
        yield return new("pledges", connection.Query("""
            SELECT id, kind, contribution_type AS "contributionType", amount, currency, hours, items, description, status,
                   status_reason AS "statusReason", fulfilled_usd AS "fulfilledUsd", project_id AS "projectId", campaign_id AS "campaignId",
                   public_name_consent AS "publicNameConsent", created_at AS "createdAt"
            FROM pledge WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
        yield return new("fulfilments", connection.Query("""
            SELECT f.id, f.pledge_id AS "pledgeId", f.amount, f.currency, f.hours, f.evidence, f.status, f.reason,
                   f.recorded_at AS "recordedAt", f.decided_at AS "decidedAt"
            FROM pledge_fulfilment f JOIN pledge p ON p.id = f.pledge_id WHERE p.compatriot_id = @compatriotId ORDER BY f.id
            """, new { compatriotId }).ToList());
        yield return new("offers", connection.Query("""
            SELECT id, project_id AS "projectId", kind, amount, currency, hours, status, pledge_id AS "pledgeId",
                   created_at AS "createdAt", decided_at AS "decidedAt"
            FROM pledge_offer WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
    }

    public void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now)
    {
        connection.Execute("""
            UPDATE pledge SET description = NULL, public_name_consent = 0,
                   status_reason = CASE WHEN status_reason IS NULL THEN NULL ELSE @erased END
            WHERE compatriot_id = @compatriotId
            """, new { compatriotId, erased = Erased.Text }, transaction);
        connection.Execute("""
            UPDATE pledge_fulfilment SET evidence = CASE WHEN evidence IS NULL THEN NULL ELSE @erased END,
                   reason = CASE WHEN reason IS NULL THEN NULL ELSE @erased END
            WHERE pledge_id IN (SELECT id FROM pledge WHERE compatriot_id = @compatriotId)
            """, new { compatriotId, erased = Erased.Text }, transaction);
        // Deciding an offer already erased its contact; what could still name them goes too.
        connection.Execute("""
            UPDATE pledge_offer SET full_name = NULL, phone = NULL, email = NULL, country = NULL, home_region = NULL, description = NULL,
                   drop_reason = CASE WHEN drop_reason IS NULL THEN NULL ELSE @erased END
            WHERE compatriot_id = @compatriotId
            """, new { compatriotId, erased = Erased.Text }, transaction);
    }
}
