using System.Data;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates;

// A settable class, not a positional record: Dapper maps records only when every column's CLR type matches
// exactly, and times are stored as text that only the registered type handler turns into DateTimeOffset.
internal sealed class CertificateRecord
{
    public long Id { get; init; }
    public string Serial { get; init; } = "";
    public long CompatriotId { get; init; }
    public string ModuleId { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Language { get; init; } = "";
    public string HolderName { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTimeOffset IssuedAt { get; init; }
    public long? IssuedBy { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokeReason { get; init; }
    public string? SupersededBy { get; init; }
    public string ContentHash { get; init; } = "";
    public string? Signature { get; init; }
    public long? KeyId { get; init; }
    /// <summary>The holder agreed to appear on the oblast's public honour roll.</summary>
    public bool HonourRoll { get; init; }
    /// <summary>The issuer version printed on it (see <see cref="Issuers.IssuerProfileStore"/>); null for certificates older than issuer editing.</summary>
    public long? IssuerProfileId { get; init; }
    /// <summary>When the holder was erased: the name and reasons are gone, the hash and signature stay (see <see cref="CertificatesPersonalData"/>).</summary>
    public DateTimeOffset? HolderErasedAt { get; init; }

    /// <summary>
    /// What a receipt or a statement attests, signed with the rest ('|'-joined, see <c>Receipts/ReceiptAttestation</c>);
    /// null for a certificate, whose reason is printed but not signed.
    /// </summary>
    public string? Attests { get; init; }

    public bool HolderErased => HolderErasedAt is not null;

    public bool IsReceipt => ReceiptKinds.IsReceipt(Kind);
}

internal sealed record CompatriotSummary(long Id, string FullName, string Language, string? HomeRegion, string Country);

internal sealed record NewCertificate(
    long CompatriotId, string ModuleId, string SerialPrefix, string Kind, string Language, string HolderName,
    string Reason, DateTimeOffset IssuedAt, long? IssuedBy, bool HonourRoll = false, long? IssuerProfileId = null);

/// <summary>
/// The certificate tables. Serials are taken from a counter inside the insert's transaction, so two issuers never get
/// the same one; the same transaction raises <see cref="CertificateIssued"/> for the modules that handle it.
/// </summary>
internal sealed class CertificateStore(Db db, ModuleEvents events)
{
    public const int PageSize = 50;

    private const string SelectCertificate = """
        SELECT id, serial, compatriot_id AS CompatriotId, module_id AS ModuleId, kind, language, holder_name AS HolderName,
               reason, issued_at AS IssuedAt, issued_by AS IssuedBy, status, revoked_at AS RevokedAt,
               revoke_reason AS RevokeReason, superseded_by AS SupersededBy, content_hash AS ContentHash, signature,
               key_id AS KeyId, honour_roll AS HonourRoll, issuer_profile_id AS IssuerProfileId,
               holder_erased_at AS HolderErasedAt
        FROM certificate
        """;

    /// <summary>
    /// A person certificates may be issued to: within <paramref name="homeRegion"/> (the caller's scope, see
    /// <see cref="AccessScope.PeopleRegion"/>; null for national staff) and not erased. Anyone else reads as no one.
    /// </summary>
    public CompatriotSummary? FindCompatriot(long id, string? homeRegion)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<CompatriotSummary>("""
            SELECT id, full_name AS FullName, language, home_region AS HomeRegion, country
            FROM directory_compatriot WHERE id = @id AND erased_at IS NULL AND (@homeRegion IS NULL OR home_region = @homeRegion)
            """, new { id, homeRegion });
    }

    /// <summary>Compatriots whose name contains <paramref name="text"/>, limited to <paramref name="homeRegion"/> unless null.</summary>
    /// <summary>
    /// Inserts a certificate under the next serial of its prefix and year. <paramref name="seal"/> computes the
    /// hash and signature once the serial is known, inside the same transaction.
    /// </summary>
    public CertificateRecord Insert(NewCertificate certificate, Func<string, (string Hash, string? Signature, long? KeyId)> seal, string? supersedes = null)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var serial = NextSerial(connection, transaction, certificate.SerialPrefix, certificate.IssuedAt);
        var (hash, signature, keyId) = seal(serial);
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO certificate (serial, compatriot_id, module_id, kind, language, holder_name, reason, issued_at,
                                     issued_by, status, content_hash, signature, key_id, honour_roll, issuer_profile_id)
            VALUES (@serial, @CompatriotId, @ModuleId, @Kind, @Language, @HolderName, @Reason, @IssuedAt,
                    @IssuedBy, 'valid', @hash, @signature, @keyId, @HonourRoll, @IssuerProfileId)
            RETURNING id
            """, new
        {
            serial, certificate.CompatriotId, certificate.ModuleId, certificate.Kind, certificate.Language,
            certificate.HolderName, certificate.Reason, certificate.IssuedAt, certificate.IssuedBy, hash, signature, keyId,
            certificate.HonourRoll, certificate.IssuerProfileId,
        }, transaction);
        if (supersedes is not null)
        {
            var changed = connection.Execute("""
                UPDATE certificate SET status = 'superseded', superseded_by = @serial
                WHERE serial = @supersedes AND status = 'valid'
                """, new { serial, supersedes }, transaction);
            // Someone revoked or reissued it meanwhile: do not leave two live successors.
            if (changed != 1) throw new CertificateConflictException($"{supersedes} is no longer valid.");
        }
        var deliveries = ReceiptKinds.IsReceipt(certificate.Kind) || !events.IsHandled<CertificateIssued>() ? []
            : events.Record(connection, transaction, new CertificateIssued(serial, certificate.CompatriotId, certificate.ModuleId, certificate.Kind, supersedes));
        transaction.Commit();
        events.Deliver(deliveries);
        return Find(connection, serial)!;
    }

    /// <summary>
    /// The next serial of <paramref name="prefix"/> in the issuer's year of <paramref name="issuedAt"/>, taken inside the
    /// caller's insert transaction: every signed paper (certificates, receipts, statements) numbers itself here.
    /// </summary>
    public static string NextSerial(IDbConnection connection, IDbTransaction transaction, string prefix, DateTimeOffset issuedAt)
    {
        var year = CertificateContent.IssuerDay(issuedAt).Year;
        var sequence = connection.ExecuteScalar<long>("""
            INSERT INTO certificate_serial_counter (prefix, year, last) VALUES (@prefix, @year, 1)
            ON CONFLICT (prefix, year) DO UPDATE SET last = certificate_serial_counter.last + 1
            RETURNING last
            """, new { prefix, year }, transaction);
        return CertificateSerial.Format(prefix, year, sequence);
    }

    public CertificateRecord? Find(string serial)
    {
        using var connection = db.Open();
        return Find(connection, serial);
    }

    public bool Revoke(string serial, string reason, DateTimeOffset at)
    {
        using var connection = db.Open();
        return connection.Execute("""
            UPDATE certificate SET status = 'revoked', revoked_at = @at, revoke_reason = @reason
            WHERE serial = @serial AND status = 'valid'
            """, new { serial, reason, at }) == 1;
    }

    public bool SetHonourRoll(string serial, bool listed)
    {
        using var connection = db.Open();
        return connection.Execute("UPDATE certificate SET honour_roll = @listed WHERE serial = @serial", new { serial, listed }) == 1;
    }

    /// <summary>The valid certificates of <paramref name="moduleId"/> whose holders agreed to be listed, newest first.</summary>
    public IReadOnlyList<CertificateRecord> HonourRoll(string moduleId, int limit)
    {
        using var connection = db.Open();
        return connection.Query<CertificateRecord>($"""
            {SelectCertificate}
            WHERE module_id = @moduleId AND status = 'valid' AND honour_roll = 1
            ORDER BY issued_at DESC, id DESC
            LIMIT @limit
            """, new { moduleId, limit }).ToList();
    }

    /// <summary>The valid certificates of one kind a person holds, newest first: what a new one may duplicate.</summary>
    public IReadOnlyList<CertificateRecord> ValidOfKind(long compatriotId, string kind)
    {
        using var connection = db.Open();
        return connection.Query<CertificateRecord>($"""
            {SelectCertificate}
            WHERE compatriot_id = @compatriotId AND kind = @kind AND status = 'valid'
            ORDER BY issued_at DESC, id DESC
            """, new { compatriotId, kind }).ToList();
    }

    /// <summary>Every certificate a person holds, valid or not, newest first: what their own page lists.</summary>
    public IReadOnlyList<CertificateRecord> OfHolder(long compatriotId)
    {
        using var connection = db.Open();
        return connection.Query<CertificateRecord>($"{SelectCertificate} WHERE compatriot_id = @compatriotId ORDER BY issued_at DESC, id DESC",
            new { compatriotId }).ToList();
    }

    /// <summary>One page of certificates of <paramref name="moduleIds"/>, newest first.</summary>
    public IReadOnlyList<CertificateRecord> List(IReadOnlyCollection<string> moduleIds, int page)
    {
        if (moduleIds.Count == 0) return [];
        using var connection = db.Open();
        return connection.Query<CertificateRecord>($"""
            {SelectCertificate}
            WHERE {db.AnyOf("module_id", "@moduleIds")}
            ORDER BY issued_at DESC, id DESC
            LIMIT @limit OFFSET @offset
            """, new { moduleIds, limit = PageSize, offset = (Math.Max(page, 1) - 1) * PageSize }).ToList();
    }

    private static CertificateRecord? Find(IDbConnection connection, string serial) =>
        connection.QuerySingleOrDefault<CertificateRecord>($"{SelectCertificate} WHERE serial = @serial", new { serial });
}

/// <summary>The certificate changed state under the caller's feet.</summary>
internal sealed class CertificateConflictException(string message) : Exception(message);
