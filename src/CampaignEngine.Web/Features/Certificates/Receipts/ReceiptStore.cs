using System.Data;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates.Receipts;

/// <summary>A receipt or statement about to be signed: whose, by which issuer, for which fulfilment or year, and what it attests.</summary>
internal sealed record NewReceipt(
    long CompatriotId, string ModuleId, string SerialPrefix, string Kind, long? FulfilmentId, int? Year, string Language, string HolderName,
    string Attests, DateTimeOffset IssuedAt, long? IssuerProfileId);

/// <summary>
/// The register of receipts and statements (<c>certificate_receipt</c>). Rows read back as <see cref="CertificateRecord"/>s
/// with their <see cref="CertificateRecord.Attests"/>, so that the certificates' one path hashes, signs, puts in a QR code
/// and verifies them; a receipt is never revoked (an approved fulfilment stays approved), so it reads "valid".
/// </summary>
internal sealed class ReceiptStore(Db db)
{
    private const string SelectReceipt = """
        SELECT id, serial, compatriot_id AS CompatriotId, module_id AS ModuleId, kind, language, holder_name AS HolderName,
               '' AS reason, issued_at AS IssuedAt, 'valid' AS status, content_hash AS ContentHash, signature, key_id AS KeyId,
               issuer_profile_id AS IssuerProfileId, holder_erased_at AS HolderErasedAt, attests
        FROM certificate_receipt
        """;

    public CertificateRecord? Find(string serial)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<CertificateRecord>($"{SelectReceipt} WHERE serial = @serial", new { serial });
    }

    /// <summary>
    /// The paper already signed for exactly this content, else a new one under the next serial of the receipt prefix:
    /// downloading twice hands back the same serial, a changed content (a year still running) a new one.
    /// </summary>
    public CertificateRecord FindOrInsert(NewReceipt receipt, Func<string, (string Hash, string Signature, long KeyId)> seal)
    {
        using var connection = db.Open();
        if (Same(connection, null, receipt) is { } existing) return existing;
        using var transaction = connection.BeginTransaction();
        // Two downloads racing: the second finds the first's row inside its own write transaction.
        if (Same(connection, transaction, receipt) is { } raced) return raced;
        var serial = CertificateStore.NextSerial(connection, transaction, receipt.SerialPrefix, receipt.IssuedAt);
        var (hash, signature, keyId) = seal(serial);
        connection.Execute("""
            INSERT INTO certificate_receipt (serial, compatriot_id, module_id, kind, fulfilment_id, year, language, holder_name, attests,
                                             issued_at, content_hash, signature, key_id, issuer_profile_id)
            VALUES (@serial, @CompatriotId, @ModuleId, @Kind, @FulfilmentId, @Year, @Language, @HolderName, @Attests,
                    @IssuedAt, @hash, @signature, @keyId, @IssuerProfileId)
            """, new
        {
            serial, receipt.CompatriotId, receipt.ModuleId, receipt.Kind, receipt.FulfilmentId, receipt.Year, receipt.Language,
            receipt.HolderName, receipt.Attests, receipt.IssuedAt, hash, signature, keyId, receipt.IssuerProfileId,
        }, transaction);
        var inserted = connection.QuerySingle<CertificateRecord>($"{SelectReceipt} WHERE serial = @serial", new { serial }, transaction);
        transaction.Commit();
        return inserted;
    }

    private static CertificateRecord? Same(IDbConnection connection, IDbTransaction? transaction, NewReceipt receipt) =>
        connection.QueryFirstOrDefault<CertificateRecord>($"""
            {SelectReceipt}
            WHERE compatriot_id = @CompatriotId AND kind = @Kind AND module_id = @ModuleId AND language = @Language
              AND fulfilment_id IS NOT DISTINCT FROM @FulfilmentId AND year IS NOT DISTINCT FROM @Year AND holder_name = @HolderName AND attests = @Attests
              AND holder_erased_at IS NULL
            ORDER BY id DESC
            """, receipt, transaction);
}
