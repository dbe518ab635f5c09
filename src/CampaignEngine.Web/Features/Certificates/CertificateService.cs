using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Modules;

namespace CampaignEngine.Web.Features.Certificates;

public sealed record IssueRequest(long? CompatriotId, string? ModuleId, string? Kind, string? Language, string? Reason);

/// <summary>What an issuance came to: the certificate, or the field at fault, or a refusal.</summary>
public sealed record IssueOutcome(CertificateRecord? Certificate, string? Field = null, string? Error = null, bool Forbidden = false)
{
    public static IssueOutcome Invalid(string field, string error) => new(null, field, error);
    public static IssueOutcome Refused(string why) => new(null, Error: why, Forbidden: true);
}

/// <summary>
/// Issues, reissues and revokes certificates on behalf of an issuer the user acts for. The rules live here,
/// not in the controllers, so the API, the pages and later bulk issuance enforce the same ones.
/// </summary>
public sealed class CertificateService(
    CertificateStore store, CertificateScope scope, CertificateSigner signer, TimeProvider clock, ILogger<CertificateService> logger)
{
    public const int MaxReason = 600;
    public const int MaxHolderName = 200;

    public IssueOutcome Issue(CurrentUser user, IssueRequest request)
    {
        if (!CertificateKinds.IsKnown(request.Kind))
            return IssueOutcome.Invalid("kind", $"must be one of: {string.Join(", ", CertificateKinds.All)}");
        if (request.Language is not null && !Languages.IsKnown(request.Language))
            return IssueOutcome.Invalid("language", $"must be one of: {string.Join(", ", Languages.All)}");
        var reason = OneLine(request.Reason);
        if (reason.Length == 0) return IssueOutcome.Invalid("reason", "is required");
        if (reason.Length > MaxReason) return IssueOutcome.Invalid("reason", $"must be at most {MaxReason} characters");
        if (string.IsNullOrWhiteSpace(request.ModuleId)) return IssueOutcome.Invalid("moduleId", "is required");
        var module = ModuleCatalog.All.Select(m => m.Manifest).FirstOrDefault(m => m.Id == request.ModuleId);
        if (module is null || !scope.IsEnabled(module.Id)) return IssueOutcome.Invalid("moduleId", "is not an enabled module");
        if (!scope.MayActFor(user, module.Id)) return IssueOutcome.Refused($"You may not issue certificates for module {module.Id}.");
        if (request.CompatriotId is not { } compatriotId) return IssueOutcome.Invalid("compatriotId", "is required");
        var compatriot = store.FindCompatriot(compatriotId);
        if (compatriot is null) return IssueOutcome.Invalid("compatriotId", "no such compatriot");

        // Each person receives the paper in their own language unless the issuer chooses otherwise.
        var language = request.Language ?? (Languages.IsKnown(compatriot.Language) ? compatriot.Language : "ky");
        var holder = OneLine(compatriot.FullName);
        if (holder.Length is 0 or > MaxHolderName) return IssueOutcome.Invalid("compatriotId", "the compatriot's name cannot be printed");
        var certificate = Insert(module, new NewCertificate(compatriotId, module.Id, module.Issuer.SerialPrefix, request.Kind!, language,
            holder, reason, clock.GetUtcNow(), user.Id), supersedes: null);
        return new IssueOutcome(certificate);
    }

    /// <summary>
    /// Replaces a certificate by a new one (a misspelt name, a wrong language): the old serial stays verifiable
    /// and answers "superseded" with a pointer to the new one.
    /// </summary>
    public IssueOutcome Reissue(CurrentUser user, string serial, string? holderName, string? reason, string? language)
    {
        var old = store.Find(serial);
        if (old is null || !scope.MayActFor(user, old.ModuleId)) return IssueOutcome.Invalid("serial", "no such certificate");
        if (old.Status != CertificateStatus.Valid) return IssueOutcome.Invalid("serial", $"is {old.Status}, only a valid certificate can be reissued");
        if (language is not null && !Languages.IsKnown(language))
            return IssueOutcome.Invalid("language", $"must be one of: {string.Join(", ", Languages.All)}");
        var holder = holderName is null ? old.HolderName : OneLine(holderName);
        if (holder.Length is 0 or > MaxHolderName) return IssueOutcome.Invalid("holderName", $"must be 1 to {MaxHolderName} characters");
        var newReason = reason is null ? old.Reason : OneLine(reason);
        if (newReason.Length is 0 or > MaxReason) return IssueOutcome.Invalid("reason", $"must be 1 to {MaxReason} characters");
        var module = ModuleCatalog.All.Select(m => m.Manifest).First(m => m.Id == old.ModuleId);
        try
        {
            return new IssueOutcome(Insert(module, new NewCertificate(old.CompatriotId, module.Id, module.Issuer.SerialPrefix, old.Kind,
                language ?? old.Language, holder, newReason, clock.GetUtcNow(), user.Id), supersedes: old.Serial));
        }
        catch (CertificateConflictException ex)
        {
            return IssueOutcome.Invalid("serial", ex.Message);
        }
    }

    public IssueOutcome Revoke(CurrentUser user, string serial, string? reason)
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
