using System.Data;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.ModuleHost.Settings;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>The module's edited issuer, if any, with who changed it last.</summary>
internal sealed record EffectiveIssuer(IssuerData Issuer, bool Edited, long? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>
/// Issuer versions. Rows of <c>certificate_issuer_profile</c> are never changed: an edit stores a new version
/// and points the module's override at it; an issuance points its certificate at the version in force, so an
/// old paper always renders and verifies with the issuer it was printed with.
/// </summary>
internal sealed class IssuerProfileStore(Db db, TimeProvider clock, IModuleSettings settings)
{
    private const string SelectProfile = """
        SELECT p.id AS Id, p.module_id AS ModuleId, p.name_ky AS NameKy, p.name_ru AS NameRu, p.name_en AS NameEn,
               p.title_ky AS TitleKy, p.title_ru AS TitleRu, p.title_en AS TitleEn, p.signatory_name AS SignatoryName,
               p.emblem_svg AS EmblemSvg
        FROM certificate_issuer_profile p
        """;

    /// <summary>
    /// The issuer in force for <paramref name="module"/>: the edited version, else the module's defaults with the signatory
    /// of its <c>signatoryName</c> setting (so a name changed on the settings page is printed from then on).
    /// </summary>
    public EffectiveIssuer Current(ModuleManifest module)
    {
        using var connection = db.Open();
        var row = connection.QuerySingleOrDefault<OverrideRow>($"""
            SELECT o.updated_by AS UpdatedBy, o.updated_at AS UpdatedAt, p.id AS Id, p.module_id AS ModuleId, p.name_ky AS NameKy,
                   p.name_ru AS NameRu, p.name_en AS NameEn, p.title_ky AS TitleKy, p.title_ru AS TitleRu, p.title_en AS TitleEn,
                   p.signatory_name AS SignatoryName, p.emblem_svg AS EmblemSvg
            FROM certificate_issuer_override o JOIN certificate_issuer_profile p ON p.id = o.profile_id
            WHERE o.module_id = @moduleId
            """, new { moduleId = module.Id });
        return row is null
            ? new EffectiveIssuer(IssuerData.Of(module.Issuer) with { SignatoryName = settings.Of(module).SignatoryName }, false, null, null)
            : new EffectiveIssuer(row.ToData(), true, row.UpdatedBy, row.UpdatedAt);
    }

    /// <summary>
    /// The version to stamp on a certificate issued now: the stored row holding the issuer in force, created
    /// when the module's defaults are printed for the first time (or have changed in code since).
    /// </summary>
    public IssuerData ForIssue(ModuleManifest module)
    {
        var current = Current(module).Issuer;
        if (current.ProfileId is not null) return current;
        using var connection = db.Open();
        return current with { ProfileId = Store(connection, null, module.Id, current) };
    }

    /// <summary>Makes <paramref name="issuer"/> the module's issuer from now on; returns its version id.</summary>
    public long Save(string moduleId, IssuerData issuer, long userId)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var id = Store(connection, transaction, moduleId, issuer);
        connection.Execute("""
            INSERT INTO certificate_issuer_override (module_id, profile_id, updated_by, updated_at)
            VALUES (@moduleId, @id, @userId, @now)
            ON CONFLICT (module_id) DO UPDATE SET profile_id = excluded.profile_id, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, new { moduleId, id, userId, now = clock.GetUtcNow() }, transaction);
        transaction.Commit();
        return id;
    }

    /// <summary>The version a certificate was issued under; null for certificates older than issuer versions.</summary>
    public IssuerData? Find(long profileId)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<ProfileRow>($"{SelectProfile} WHERE p.id = @profileId", new { profileId })?.ToData();
    }

    /// <summary>Every version the module has stored, oldest first: the names older papers may carry.</summary>
    public IReadOnlyList<IssuerData> History(string moduleId)
    {
        using var connection = db.Open();
        return connection.Query<ProfileRow>($"{SelectProfile} WHERE p.module_id = @moduleId ORDER BY p.id", new { moduleId })
            .Select(r => r.ToData()).ToList();
    }

    private long Store(IDbConnection connection, IDbTransaction? transaction, string moduleId, IssuerData issuer)
    {
        var hash = issuer.ContentHash();
        connection.Execute("""
            INSERT INTO certificate_issuer_profile (module_id, name_ky, name_ru, name_en, title_ky, title_ru, title_en, signatory_name,
                                                    emblem_svg, content_hash, created_at)
            VALUES (@moduleId, @nameKy, @nameRu, @nameEn, @titleKy, @titleRu, @titleEn, @signatoryName, @emblemSvg, @hash, @now)
            ON CONFLICT (module_id, content_hash) DO NOTHING
            """, new
        {
            moduleId, nameKy = issuer.Name.Ky, nameRu = issuer.Name.Ru, nameEn = issuer.Name.En,
            titleKy = issuer.SignatoryTitle.Ky, titleRu = issuer.SignatoryTitle.Ru, titleEn = issuer.SignatoryTitle.En,
            signatoryName = issuer.SignatoryName, emblemSvg = issuer.EmblemSvg, hash, now = clock.GetUtcNow(),
        }, transaction);
        return connection.ExecuteScalar<long>("SELECT id FROM certificate_issuer_profile WHERE module_id = @moduleId AND content_hash = @hash",
            new { moduleId, hash }, transaction);
    }

    private class ProfileRow
    {
        public long Id { get; init; }
        public string ModuleId { get; init; } = "";
        public string NameKy { get; init; } = "";
        public string NameRu { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string TitleKy { get; init; } = "";
        public string TitleRu { get; init; } = "";
        public string TitleEn { get; init; } = "";
        public string SignatoryName { get; init; } = "";
        public string? EmblemSvg { get; init; }

        public IssuerData ToData() => new(new LocalizedText(NameKy, NameRu, NameEn), new LocalizedText(TitleKy, TitleRu, TitleEn), SignatoryName, EmblemSvg, Id);
    }

    private sealed class OverrideRow : ProfileRow
    {
        public long? UpdatedBy { get; init; }
        public DateTimeOffset? UpdatedAt { get; init; }
    }
}

/// <summary>The issuer printed on one certificate: its stored version, else its module's defaults.</summary>
internal sealed class CertificateIssuers(IssuerProfileStore profiles, ModuleRegistry modules)
{
    public IssuerData For(CertificateRecord certificate)
    {
        if (certificate.IssuerProfileId is { } id && profiles.Find(id) is { } stored) return stored;
        return IssuerData.Of(ModuleOf(certificate).Issuer);
    }

    /// <summary>The module that issued the certificate, enabled here or not: a module switched off later still prints what it issued.</summary>
    public ModuleManifest ModuleOf(CertificateRecord certificate) =>
        modules.Catalogued(certificate.ModuleId)
        ?? throw new InvalidOperationException($"Certificate {certificate.Serial} names module {certificate.ModuleId}, which the host no longer has.");
}
