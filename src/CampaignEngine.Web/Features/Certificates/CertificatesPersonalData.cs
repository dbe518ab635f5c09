using System.Data;
using CampaignEngine.Web.Features.Privacy;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>
/// Certificates, nominations, bulk-job items and holder links. Erasure keeps each certificate as a register
/// entry (serial, kind, issuer, date, status, content hash and signature), so the paper in the holder's hands
/// still checks as genuine and the pages say "holder erased"; it removes the printed name and every reason typed
/// about the person, deletes the nominations (proposals, not papers), and kills the holder links. Receipts and
/// statements are kept the same way, without the name and what they attested.
/// </summary>
internal sealed class CertificatesPersonalData : IPersonalDataContributor
{
    public IReadOnlyList<PersonalColumns> Covers { get; } =
    [
        new("certificate", ["compatriot_id", "holder_name", "reason", "revoke_reason"]),
        new("certificate_job_item", ["compatriot_id", "reason", "error"]),
        new("certificate_nomination", ["compatriot_id", "reason", "reason_ky", "reason_ru", "reason_en", "decision_note"]),
        new("certificate_delivery", ["compatriot_id", "token"]),
        new("certificate_receipt", ["compatriot_id", "holder_name", "attests"]),
    ];

    public IEnumerable<KeyValuePair<string, object>> Export(IDbConnection connection, long compatriotId)
    {
        yield return new("certificates", connection.Query("""
            SELECT serial, module_id AS "moduleId", kind, language, holder_name AS "holderName", reason, issued_at AS "issuedAt", status,
                   revoked_at AS "revokedAt", revoke_reason AS "revokeReason", honour_roll AS "honourRoll", holder_erased_at AS "holderErasedAt"
            FROM certificate WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
        yield return new("nominations", connection.Query("""
            SELECT module_id AS "moduleId", kind, reason, reason_ky AS "reasonKy", reason_ru AS "reasonRu", reason_en AS "reasonEn",
                   status, created_at AS "createdAt", decided_at AS "decidedAt", serial
            FROM certificate_nomination WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
        // When and which paper was sent, never the link's token.
        yield return new("certificateDeliveries", connection.Query("""
            SELECT serial, created_at AS "createdAt", expires_at AS "expiresAt"
            FROM certificate_delivery WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
        yield return new("receipts", connection.Query("""
            SELECT serial, module_id AS "moduleId", kind, fulfilment_id AS "fulfilmentId", year, language, holder_name AS "holderName",
                   attests, issued_at AS "issuedAt", holder_erased_at AS "holderErasedAt"
            FROM certificate_receipt WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
    }

    public void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now)
    {
        var parameters = new { compatriotId, now, erased = Erased.Text };
        connection.Execute("""
            UPDATE certificate SET holder_name = '', reason = @erased,
                   revoke_reason = CASE WHEN revoke_reason IS NULL THEN NULL ELSE @erased END,
                   holder_erased_at = COALESCE(holder_erased_at, @now)
            WHERE compatriot_id = @compatriotId
            """, parameters, transaction);
        connection.Execute("""
            UPDATE certificate_job_item SET reason = @erased, error = CASE WHEN error IS NULL THEN NULL ELSE @erased END
            WHERE compatriot_id = @compatriotId
            """, parameters, transaction);
        connection.Execute("DELETE FROM certificate_nomination WHERE compatriot_id = @compatriotId", parameters, transaction);
        // Receipts stay register entries like certificates: the paper still checks as genuine, its name and amounts are gone.
        connection.Execute("""
            UPDATE certificate_receipt SET holder_name = '', attests = '', holder_erased_at = COALESCE(holder_erased_at, @now)
            WHERE compatriot_id = @compatriotId
            """, parameters, transaction);
        connection.Execute("""
            UPDATE certificate_delivery SET token = lower(hex(randomblob(16))), expires_at = @now
            WHERE compatriot_id = @compatriotId
            """, parameters, transaction);
    }
}
