using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.DataProtection;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>An issuer's signing key, unsealed for the duration of one issuance.</summary>
internal sealed class IssuerKey(long id, ECDsa key) : IDisposable
{
    public long Id { get; } = id;

    public string Sign(string canonical) => Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256));

    /// <summary>What a signed paper's register row keeps of its canonical content: the hash, the signature and this key's id.</summary>
    public (string Hash, string Signature, long KeyId) Seal(string canonical) => (CertificateContent.Hash(canonical), Sign(canonical), Id);

    public void Dispose() => key.Dispose();
}

/// <summary>
/// ECDSA P-256 keys, one active per issuer. Private keys are sealed with Data Protection so that a copy of
/// the database alone cannot forge certificates; public keys are stored in the clear so that verification
/// never needs the secret and keeps working for retired keys.
/// </summary>
internal sealed class CertificateSigner(Db db, IDataProtectionProvider protection, TimeProvider clock, ILogger<CertificateSigner> logger)
{
    public const string Algorithm = "ECDSA-P256-SHA256";
    private readonly IDataProtector _protector = protection.CreateProtector("CampaignEngine.Certificates.IssuerKey.v1");

    /// <summary>
    /// The issuer's active key, created on first use. Call it before opening the insert transaction:
    /// creating a key writes, and SQLite has a single writer.
    /// </summary>
    public IssuerKey ActiveKey(string moduleId)
    {
        using var connection = db.Open();
        var row = ReadActive(connection, moduleId);
        if (row is null)
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            connection.Execute("""
                INSERT INTO certificate_issuer_key (module_id, algorithm, public_key, protected_private_key, created_at)
                VALUES (@moduleId, @algorithm, @publicKey, @privateKey, @at)
                ON CONFLICT DO NOTHING
                """, new
            {
                moduleId,
                algorithm = Algorithm,
                publicKey = Convert.ToBase64String(fresh.ExportSubjectPublicKeyInfo()),
                privateKey = _protector.Protect(Convert.ToBase64String(fresh.ExportPkcs8PrivateKey())),
                at = clock.GetUtcNow(),
            });
            row = ReadActive(connection, moduleId)!;
        }
        string privateKey;
        try
        {
            privateKey = _protector.Unprotect(row.ProtectedPrivateKey);
        }
        catch (CryptographicException)
        {
            // The Data Protection key ring that sealed this key is gone (a new machine, a lost keys folder).
            // Certificates it signed still verify with its public key; retire it and sign from now on with a new one.
            logger.LogWarning("Signing key {KeyId} of issuer {ModuleId} cannot be unsealed; retiring it and creating a new one", row.Id, moduleId);
            // Only if still active: a caller racing this one may have retired it already, and its time stands.
            connection.Execute("UPDATE certificate_issuer_key SET retired_at = @at WHERE id = @id AND retired_at IS NULL", new { at = clock.GetUtcNow(), id = row.Id });
            return ActiveKey(moduleId);
        }
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(privateKey), out _);
        return new IssuerKey(row.Id, key);
    }

    /// <summary>True when <paramref name="signature"/> is the key's signature of <paramref name="canonical"/>.</summary>
    public bool Verify(long keyId, string canonical, string signature) =>
        VerifyHash(keyId, SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), signature);

    /// <summary>
    /// The same check from the content's SHA-256 alone (ECDSA signs the hash): what is left to check once a
    /// holder's name was erased and the content can no longer be rebuilt.
    /// </summary>
    public bool VerifyHash(long keyId, byte[] contentHash, string signature)
    {
        var publicKey = PublicKey(keyId);
        if (publicKey is null) return false;
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
        try
        {
            return key.VerifyHash(contentHash, Convert.FromBase64String(signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // A key's public half never changes once written (rotation adds a new row), so each is read once; a verification
    // then costs no database round trip of its own. Unknown ids are not remembered: a key may be created later.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, string> _publicKeys = new();

    private string? PublicKey(long keyId)
    {
        if (_publicKeys.TryGetValue(keyId, out var known)) return known;
        using var connection = db.Open();
        var publicKey = connection.QuerySingleOrDefault<string>("SELECT public_key FROM certificate_issuer_key WHERE id = @keyId", new { keyId });
        if (publicKey is not null) _publicKeys[keyId] = publicKey;
        return publicKey;
    }

    private static KeyRow? ReadActive(System.Data.IDbConnection connection, string moduleId) =>
        connection.QuerySingleOrDefault<KeyRow>("""
            SELECT id, protected_private_key AS ProtectedPrivateKey
            FROM certificate_issuer_key WHERE module_id = @moduleId AND retired_at IS NULL
            """, new { moduleId });

    private sealed record KeyRow(long Id, string ProtectedPrivateKey);
}
