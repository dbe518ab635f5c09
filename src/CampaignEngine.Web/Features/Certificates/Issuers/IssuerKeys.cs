using System.Globalization;
using System.Security.Cryptography;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>The public half of an issuer key as JWK (RFC 7517/7518), which most verifier libraries read directly.</summary>
internal sealed record PublishedJwk(string Kty, string Crv, string X, string Y, string Kid, string Alg, string Use);

/// <summary>
/// One signing key of an issuer. <c>Spki</c> is the same key as base64 DER SubjectPublicKeyInfo for tools
/// that prefer it. A retired key still verifies what it signed: retirement means "signs no more", not "compromised".
/// </summary>
internal sealed record PublishedKey(string Kid, string Algorithm, PublishedJwk Jwk, string Spki, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);

/// <summary>
/// An issuer and its keys. <c>Names</c> is the administration's name in force; <c>FormerNames</c> are names
/// printed on its earlier certificates before the administration edited it, which still count as its own.
/// </summary>
internal sealed record PublishedIssuer(string ModuleId, string SerialPrefix, IReadOnlyDictionary<string, string> Names, IReadOnlyList<PublishedKey> Keys,
    IReadOnlyList<IReadOnlyDictionary<string, string>>? FormerNames = null)
{
    /// <summary>Every name of the issuer in <paramref name="language"/>, the one in force first.</summary>
    public IEnumerable<string> NamesIn(string language) =>
        new[] { Names }.Concat(FormerNames ?? []).Select(n => n.GetValueOrDefault(language)).OfType<string>().Distinct();
}

/// <summary>The document at <c>/.well-known/campaign-engine/issuers.json</c>, and the <c>--keys</c> file of the offline check.</summary>
internal sealed record IssuersDocument(int Version, string PayloadFormat, IReadOnlyList<PublishedIssuer> Issuers)
{
    public const int CurrentVersion = 1;

    /// <summary>The key <paramref name="kid"/> of issuer <paramref name="moduleId"/>; a key of another issuer never counts.</summary>
    public PublishedKey? Find(string moduleId, string kid) =>
        Issuers.FirstOrDefault(i => i.ModuleId == moduleId)?.Keys.FirstOrDefault(k => k.Kid == kid);
}

/// <summary>Reads every issuer key ever created, so that certificates signed before a rotation keep verifying offline.</summary>
internal sealed class IssuerKeyDirectory(Db db, IssuerProfileStore profiles, ModuleRegistry modules)
{
    public IssuersDocument Publish()
    {
        using var connection = db.Open();
        var rows = connection.Query<KeyRow>("""
            SELECT id, module_id AS ModuleId, algorithm, public_key AS PublicKey, created_at AS CreatedAt, retired_at AS RetiredAt
            FROM certificate_issuer_key ORDER BY module_id, id
            """).ToLookup(r => r.ModuleId);
        // Modules switched off later still answer for what they signed, so the catalogue, not the enabled list, names them.
        var issuers = modules.Catalogue
            .Where(m => rows.Contains(m.Id))
            .Select(m => Issuer(m, rows[m.Id].Select(Publish).ToList()))
            .ToList();
        return new IssuersDocument(IssuersDocument.CurrentVersion, CertificateContent.Version, issuers);
    }

    private PublishedIssuer Issuer(Core.Modules.ModuleManifest module, IReadOnlyList<PublishedKey> keys)
    {
        var current = profiles.Current(module).Issuer.Name;
        var former = profiles.History(module.Id).Select(p => p.Name).Append(module.Issuer.Name)
            .Where(n => n != current).Distinct().Select(Names).ToList();
        return new PublishedIssuer(module.Id, module.Issuer.SerialPrefix, Names(current), keys, former.Count == 0 ? null : former);
    }

    private static IReadOnlyDictionary<string, string> Names(Core.Reference.LocalizedText name) =>
        new Dictionary<string, string> { ["ky"] = name.Ky, ["ru"] = name.Ru, ["en"] = name.En };

    private static PublishedKey Publish(KeyRow row)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(row.PublicKey), out _);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var kid = row.Id.ToString(CultureInfo.InvariantCulture);
        return new PublishedKey(kid, row.Algorithm,
            new PublishedJwk("EC", "P-256", System.Buffers.Text.Base64Url.EncodeToString(point.X), System.Buffers.Text.Base64Url.EncodeToString(point.Y), kid, "ES256", "sig"),
            row.PublicKey, row.CreatedAt, row.RetiredAt);
    }

    // A settable class: times are text that only the registered type handler turns into DateTimeOffset.
    private sealed class KeyRow
    {
        public long Id { get; init; }
        public string ModuleId { get; init; } = "";
        public string Algorithm { get; init; } = "";
        public string PublicKey { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? RetiredAt { get; init; }
    }
}
