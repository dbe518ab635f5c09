using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using CampaignEngine.Web.Infrastructure.Database;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace CampaignEngine.Web.Infrastructure.DataProtection;

/// <summary>Where the key ring lies (a folder, or the PostgreSQL table) and whether it is encrypted at rest, for the start-up messages.</summary>
internal sealed record KeyRingInfo(string Folder, string? ProtectedWith)
{
    public bool IsProtected => ProtectedWith is not null;

    /// <summary>What an operator reads at start when the key ring is not encrypted.</summary>
    public string Warning =>
        $"The key ring in {Folder} is not encrypted. It signs sign-in cookies and seals the certificate signing keys: " +
        "anyone with a copy of the data folder can sign in as any user and issue certificates. In production set " +
        "DataProtection:CertificatePath (a .pfx) and DataProtection:CertificatePassword; see README, \"Run it in production\".";
}

/// <summary>
/// The ASP.NET Core Data Protection key ring: kept in a folder (DataProtection:KeysPath, by default "keys" beside the
/// database) so cookies, anti-forgery tokens and sealed certificate keys survive a restart, owner-only on disk, and
/// encrypted at rest with a certificate when one is configured (ProtectKeysWithCertificate). A configured certificate
/// that cannot be read stops the start: falling back to clear-text keys would be silent.
/// </summary>
internal static class KeyRing
{
    /// <summary>The key ring's folder: DataProtection:KeysPath, else "keys" beside the database.</summary>
    public static string Folder(IConfiguration configuration) =>
        Path.GetFullPath(configuration["DataProtection:KeysPath"] is { Length: > 0 } keys
            ? keys
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configuration["Database:Path"] ?? "data/campaign-engine.db"))!, "keys"));

    public static KeyRingInfo AddKeyRing(this IServiceCollection services, IConfiguration configuration, DatabaseEngine engine)
    {
        var builder = services.AddDataProtection().SetApplicationName("CampaignEngine");
        string where;
        if (engine == DatabaseEngine.PostgreSql)
        {
            // Several hosts share one PostgreSQL database, so they share its key ring too.
            services.AddOptions<KeyManagementOptions>().Configure<Db, TimeProvider>((o, db, clock) => o.XmlRepository = new DatabaseXmlRepository(db, clock));
            where = $"the database table {DatabaseXmlRepository.Table}";
        }
        else
        {
            var repository = new OwnerOnlyXmlRepository(Folder(configuration));
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
            where = repository.Folder;
        }

        var certificate = Load(configuration, "DataProtection:CertificatePath", "DataProtection:CertificatePassword");
        // The certificate before a rotation still opens the keys it encrypted; new keys are encrypted with the current one.
        var previous = Load(configuration, "DataProtection:PreviousCertificatePath", "DataProtection:PreviousCertificatePassword");
        if (certificate is null)
        {
            if (previous is not null) throw new InvalidOperationException("DataProtection:PreviousCertificatePath is set without DataProtection:CertificatePath.");
            return new KeyRingInfo(where, null);
        }
        builder.ProtectKeysWithCertificate(certificate);
        if (previous is not null) builder.UnprotectKeysWithAnyCertificate(certificate, previous);
        return new KeyRingInfo(where, $"certificate {certificate.Thumbprint}");
    }

    private static X509Certificate2? Load(IConfiguration configuration, string pathKey, string passwordKey)
    {
        if (configuration[pathKey] is not { Length: > 0 } path) return null;
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[passwordKey], X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{pathKey}: the certificate {path} has no private key, so it could not decrypt the key ring.");
            if (certificate.GetRSAPrivateKey() is null) throw new InvalidOperationException($"{pathKey}: the certificate {path} must have an RSA key (XML encryption of the key ring uses RSA).");
            return certificate;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{pathKey}: cannot read the certificate {path} ({e.Message}). Check the path and {passwordKey}.", e);
        }
    }
}
