using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Modules;

namespace CampaignEngine.Web.Features.Certificates;

/// <param name="DeliverToHolder">Also send it to the holder through the send pipeline (see <see cref="CertificateDelivery"/>).</param>
public sealed record IssueRequest(long? CompatriotId, string? ModuleId, string? Kind, string? Language, string? Reason, bool HonourRoll = false,
    bool DeliverToHolder = false);

/// <summary>What an issuance came to: the certificate, or the field at fault, or a refusal.</summary>
public sealed record IssueOutcome(CertificateRecord? Certificate, string? Field = null, string? Error = null, bool Forbidden = false, DeliveryResult? Delivery = null)
{
    public static IssueOutcome Invalid(string field, string error) => new(null, field, error);
    public static IssueOutcome Refused(string why) => new(null, Error: why, Forbidden: true);
}

/// <summary>
/// Issues, reissues and revokes certificates on behalf of an issuer the user acts for. The rules live here,
/// not in the controllers, so the API, the pages and later bulk issuance enforce the same ones.
/// </summary>
public sealed class CertificateService(
    CertificateStore store, CertificateScope scope, CertificateSigner signer, IssuerProfileStore issuers, CertificateDelivery delivery, TimeProvider clock,
    ILogger<CertificateService> logger, Audit.AuditLog audit)
{
    public const int MaxReason = 600;
    public const int MaxHolderName = 200;
    public const int MaxBatch = 500;

    public IssueOutcome Issue(CurrentUser user, IssueRequest request)
    {
        var outcome = Audited(user, "certificate.issue", IssueCore(user, request));
        return outcome.Certificate is { } issued && request.DeliverToHolder ? outcome with { Delivery = delivery.DeliverOne(user, issued) } : outcome;
    }

    public IssueOutcome Reissue(CurrentUser user, string serial, string? holderName, string? reason, string? language, bool deliver = false)
    {
        var outcome = Audited(user, "certificate.reissue", ReissueCore(user, serial, holderName, reason, language), serial);
        // The corrected paper is the one the holder should have: it is delivered like a new one.
        return outcome.Certificate is { } issued && deliver ? outcome with { Delivery = delivery.DeliverOne(user, issued) } : outcome;
    }

    public IssueOutcome Revoke(CurrentUser user, string serial, string? reason) =>
        Audited(user, "certificate.revoke", RevokeCore(user, serial, reason));

    // The log names the serial and the module, never the holder: names stay in the certificate table.
    private IssueOutcome Audited(CurrentUser user, string action, IssueOutcome outcome, string? replaced = null)
    {
        if (outcome.Certificate is { } c)
            audit.Record(user, action, c.Serial, new { module = c.ModuleId, kind = c.Kind, replaced });
        return outcome;
    }

    private IssueOutcome IssueCore(CurrentUser user, IssueRequest request)
    {
        if (Check(user, request.ModuleId, request.Kind, request.Language, request.Reason) is { } refused) return refused;
        if (request.CompatriotId is not { } compatriotId) return IssueOutcome.Invalid("compatriotId", "is required");
        var compatriot = store.FindCompatriot(compatriotId, CertificateScope.CompatriotRegion(user));
        if (compatriot is null) return IssueOutcome.Invalid("compatriotId", "no such compatriot");
        if (Printable(compatriot) is null) return IssueOutcome.Invalid("compatriotId", "the compatriot's name cannot be printed");
        return new IssueOutcome(IssueTo(user, compatriot, ManifestOf(request.ModuleId!), request.Kind!, request.Language, OneLine(request.Reason), request.HonourRoll));
    }

    /// <summary>
    /// Issues the same recognition to many people at once, each in their own language unless one is given.
    /// Everything is checked before the first certificate is issued, so a typo in one id issues nothing.
    /// </summary>
    public (IReadOnlyList<CertificateRecord> Issued, IssueOutcome? Refused, DeliveryResult? Delivery) IssueMany(
        CurrentUser user, IReadOnlyList<long>? compatriotIds, string? moduleId, string? kind, string? language, string? reason, bool deliver = false)
    {
        var (issued, refused) = IssueManyCore(user, compatriotIds, moduleId, kind, language, reason);
        foreach (var certificate in issued) Audited(user, "certificate.issue", new IssueOutcome(certificate));
        return (issued, refused, deliver && issued.Count > 0 ? delivery.DeliverBatch(user, moduleId!, issued) : null);
    }

    private (IReadOnlyList<CertificateRecord> Issued, IssueOutcome? Refused) IssueManyCore(
        CurrentUser user, IReadOnlyList<long>? compatriotIds, string? moduleId, string? kind, string? language, string? reason)
    {
        if (Check(user, moduleId, kind, language, reason) is { } refused) return ([], refused);
        if (compatriotIds is not { Count: > 0 }) return ([], IssueOutcome.Invalid("compatriotIds", "must list at least one compatriot"));
        if (compatriotIds.Count > MaxBatch) return ([], IssueOutcome.Invalid("compatriotIds", $"must list at most {MaxBatch} compatriots"));
        var people = new List<CompatriotSummary>();
        for (var i = 0; i < compatriotIds.Count; i++)
        {
            var compatriot = store.FindCompatriot(compatriotIds[i], CertificateScope.CompatriotRegion(user));
            if (compatriot is null || Printable(compatriot) is null)
                return ([], IssueOutcome.Invalid($"compatriotIds[{i}]", compatriot is null ? "no such compatriot" : "the compatriot's name cannot be printed"));
            people.Add(compatriot);
        }
        var module = ManifestOf(moduleId!);
        return (people.DistinctBy(p => p.Id).Select(p => IssueTo(user, p, module, kind!, language, OneLine(reason))).ToList(), null);
    }

    /// <summary>The checks every issuance shares: a known kind and language, a reason, an enabled module the user acts for.</summary>
    private IssueOutcome? Check(CurrentUser user, string? moduleId, string? kind, string? language, string? reason)
    {
        if (!CertificateKinds.IsKnown(kind))
            return IssueOutcome.Invalid("kind", $"must be one of: {string.Join(", ", CertificateKinds.All)}");
        if (language is not null && !Languages.IsKnown(language))
            return IssueOutcome.Invalid("language", $"must be one of: {string.Join(", ", Languages.All)}");
        var text = OneLine(reason);
        if (text.Length == 0) return IssueOutcome.Invalid("reason", "is required");
        if (text.Length > MaxReason) return IssueOutcome.Invalid("reason", $"must be at most {MaxReason} characters");
        if (string.IsNullOrWhiteSpace(moduleId)) return IssueOutcome.Invalid("moduleId", "is required");
        if (!scope.IsEnabled(moduleId)) return IssueOutcome.Invalid("moduleId", "is not an enabled module");
        if (!scope.MayActFor(user, moduleId)) return IssueOutcome.Refused($"You may not issue certificates for module {moduleId}.");
        return null;
    }

    private CertificateRecord IssueTo(CurrentUser user, CompatriotSummary compatriot, ModuleManifest module, string kind, string? language, string reason,
        bool honourRoll = false)
    {
        // Each person receives the paper in their own language unless the issuer chooses otherwise.
        var chosen = language ?? (Languages.IsKnown(compatriot.Language) ? compatriot.Language : "ky");
        return Insert(module, new NewCertificate(compatriot.Id, module.Id, module.Issuer.SerialPrefix, kind, chosen,
            Printable(compatriot)!, reason, clock.GetUtcNow(), user.Id, honourRoll, issuers.ForIssue(module).ProfileId), supersedes: null);
    }

    private static string? Printable(CompatriotSummary compatriot)
    {
        var name = OneLine(compatriot.FullName);
        return name.Length is 0 or > MaxHolderName ? null : name;
    }

    private static ModuleManifest ManifestOf(string moduleId) =>
        ModuleCatalog.All.Select(m => m.Manifest).First(m => m.Id == moduleId);

    /// <summary>
    /// Replaces a certificate by a new one (a misspelt name, a wrong language): the old serial stays verifiable
    /// and answers "superseded" with a pointer to the new one.
    /// </summary>
    private IssueOutcome ReissueCore(CurrentUser user, string serial, string? holderName, string? reason, string? language)
    {
        var old = store.Find(serial);
        if (old is null || !scope.MayActFor(user, old.ModuleId)) return IssueOutcome.Invalid("serial", "no such certificate");
        if (old.Status != CertificateStatus.Valid) return IssueOutcome.Invalid("serial", $"is {old.Status}, only a valid certificate can be reissued");
        // Reissuing would print a name again, and the holder asked to be forgotten.
        if (old.HolderErased) return IssueOutcome.Invalid("serial", "belongs to a holder whose personal data were erased");
        if (language is not null && !Languages.IsKnown(language))
            return IssueOutcome.Invalid("language", $"must be one of: {string.Join(", ", Languages.All)}");
        var holder = holderName is null ? old.HolderName : OneLine(holderName);
        if (holder.Length is 0 or > MaxHolderName) return IssueOutcome.Invalid("holderName", $"must be 1 to {MaxHolderName} characters");
        var newReason = reason is null ? old.Reason : OneLine(reason);
        if (newReason.Length is 0 or > MaxReason) return IssueOutcome.Invalid("reason", $"must be 1 to {MaxReason} characters");
        var module = ManifestOf(old.ModuleId);
        try
        {
            return new IssueOutcome(Insert(module, new NewCertificate(old.CompatriotId, module.Id, module.Issuer.SerialPrefix, old.Kind,
                language ?? old.Language, holder, newReason, clock.GetUtcNow(), user.Id, old.HonourRoll, issuers.ForIssue(module).ProfileId),
                supersedes: old.Serial));
        }
        catch (CertificateConflictException ex)
        {
            return IssueOutcome.Invalid("serial", ex.Message);
        }
    }

    private IssueOutcome RevokeCore(CurrentUser user, string serial, string? reason)
    {
        var certificate = store.Find(serial);
        if (certificate is null || !scope.MayActFor(user, certificate.ModuleId)) return IssueOutcome.Invalid("serial", "no such certificate");
        var why = OneLine(reason);
        if (why.Length is 0 or > MaxReason) return IssueOutcome.Invalid("reason", $"must be 1 to {MaxReason} characters");
        if (!store.Revoke(serial, why, clock.GetUtcNow()))
            return IssueOutcome.Invalid("serial", $"is {certificate.Status}, only a valid certificate can be revoked");
        logger.LogInformation("Certificate {Serial} revoked by user {UserId}", serial, user.Id);
        return new IssueOutcome(store.Find(serial));
    }

    /// <summary>Records the holder's consent (or its withdrawal) to appear on the public honour roll.</summary>
    public IssueOutcome SetHonourRoll(CurrentUser user, string serial, bool listed)
    {
        var certificate = store.Find(serial);
        if (certificate is null || !scope.MayActFor(user, certificate.ModuleId)) return IssueOutcome.Invalid("serial", "no such certificate");
        store.SetHonourRoll(serial, listed);
        logger.LogInformation("Certificate {Serial} honour-roll consent set to {Listed} by user {UserId}", serial, listed, user.Id);
        return new IssueOutcome(store.Find(serial));
    }

    /// <summary>A certificate the user may see, or null (also when it exists but belongs to another region).</summary>
    public CertificateRecord? Find(CurrentUser user, string serial)
    {
        var certificate = store.Find(serial);
        return certificate is not null && scope.MayActFor(user, certificate.ModuleId) ? certificate : null;
    }

    public IReadOnlyList<CertificateRecord> List(CurrentUser user, string? moduleId, int page)
    {
        var allowed = scope.ModulesFor(user).Select(m => m.Id).Where(id => moduleId is null || id == moduleId).ToList();
        return store.List(allowed, page);
    }

    private CertificateRecord Insert(ModuleManifest module, NewCertificate certificate, string? supersedes)
    {
        using var key = signer.ActiveKey(module.Id);
        var issued = store.Insert(certificate, serial =>
        {
            var canonical = CertificateContent.Canonical(serial, certificate.Kind, certificate.HolderName, certificate.ModuleId,
                certificate.IssuedAt, certificate.Language);
            return (CertificateContent.Hash(canonical), key.Sign(canonical), key.Id);
        }, supersedes);
        // Serial and ids only: names of migrants stay out of the logs.
        logger.LogInformation("Certificate {Serial} ({Kind}) issued for compatriot {CompatriotId} by user {UserId}",
            issued.Serial, issued.Kind, issued.CompatriotId, certificate.IssuedBy);
        return issued;
    }

    private static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
