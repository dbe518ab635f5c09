using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Certificates.Delivery;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates.Issuing;

/// <param name="DeliverToHolder">Also send it to the holder through the send pipeline (see <see cref="CertificateDelivery"/>).</param>
/// <param name="AllowDuplicate">Issue even when the person already holds a valid certificate of this kind for the same reason.</param>
internal sealed record IssueRequest(long? CompatriotId, string? ModuleId, string? Kind, string? Language, string? Reason, bool HonourRoll = false,
    bool DeliverToHolder = false, bool AllowDuplicate = false);

/// <summary>The text of a field reads as another language than the paper is printed in (a warning, never a refusal).</summary>
internal sealed record LanguageWarning(string Field, string TextLanguage, string PaperLanguage)
{
    public string Message => $"reads as {Name(TextLanguage)} but the certificate is printed in {Name(PaperLanguage)}";

    private static string Name(string language) => language switch { "ky" => "Kyrgyz", "ru" => "Russian", _ => "English" };
}

/// <summary>What an issuance came to: the certificate, or the fields at fault, or a refusal, or what the issuer should look at first.</summary>
internal sealed record IssueOutcome(CertificateRecord? Certificate, string? Field = null, string? Error = null, bool Forbidden = false, DeliveryResult? Delivery = null)
{
    /// <summary>Every field at fault, in form order; <see cref="Field"/> and <see cref="Error"/> name the first.</summary>
    public IReadOnlyList<FieldError> Faults { get; init; } = Field is null || Error is null ? [] : [new FieldError(Field, Error)];

    /// <summary>Valid certificates the person already holds of the same kind for the same reason; nothing was issued.</summary>
    public IReadOnlyList<CertificateRecord> Duplicates { get; init; } = [];

    /// <summary>Texts that read as another language than the paper's: issued anyway, or held back for the form to ask.</summary>
    public IReadOnlyList<LanguageWarning> Warnings { get; init; } = [];

    /// <summary>The paper's language, known once the person is: the compatriot's own unless one was chosen.</summary>
    public string? PaperLanguage { get; init; }

    public static IssueOutcome Invalid(string field, string error) => new(null, field, error);
    public static IssueOutcome Invalid(IReadOnlyList<FieldError> faults) => new(null, faults[0].Field, faults[0].Message) { Faults = faults };
    public static IssueOutcome Refused(string why) => new(null, Error: why, Forbidden: true);
}

/// <summary>
/// Issues, reissues and revokes certificates on behalf of an issuer the user acts for. The rules live here,
/// not in the controllers, so the API, the pages and later bulk issuance enforce the same ones.
/// </summary>
internal sealed class CertificateService(
    CertificateStore store, ModuleRegistry modules, CertificateSigner signer, IssuerProfileStore issuers, CertificateDelivery delivery, TimeProvider clock,
    ILogger<CertificateService> logger, Audit.AuditLog audit)
{
    public const int MaxReason = 600;
    public const int MaxHolderName = 200;
    public const int MaxBatch = 500;

    /// <param name="holdOnWarnings">Issue nothing while a text reads as another language than the paper's, so that a form can ask first.</param>
    public IssueOutcome Issue(CurrentUser user, IssueRequest request, bool holdOnWarnings = false)
    {
        var outcome = Audited(user, "certificate.issue", IssueCore(user, request, holdOnWarnings));
        return outcome.Certificate is { } issued && request.DeliverToHolder ? outcome with { Delivery = delivery.DeliverOne(user, issued) } : outcome;
    }

    /// <param name="holdOnWarnings">Issue nothing while the reason reads as another language than the paper's, so that a form can ask first.</param>
    public IssueOutcome Reissue(CurrentUser user, string serial, string? holderName, string? reason, string? language, bool deliver = false,
        bool holdOnWarnings = false)
    {
        var outcome = Audited(user, "certificate.reissue", ReissueCore(user, serial, holderName, reason, language, holdOnWarnings), serial);
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

    private IssueOutcome IssueCore(CurrentUser user, IssueRequest request, bool holdOnWarnings)
    {
        var faults = Check(user, request.ModuleId, request.Kind, request.Language, request.Reason, out var refused);
        if (refused is not null) return refused;
        var compatriot = CheckCompatriot(user, request.CompatriotId, faults);
        if (faults.Count > 0) return IssueOutcome.Invalid(faults);
        var reason = OneLine(request.Reason);
        var paper = PaperLanguage(compatriot!, request.Language);
        var warnings = LanguageWarnings(reason, paper);
        if (!request.AllowDuplicate && DuplicatesOf(user, compatriot!.Id, request.Kind!, reason) is { Count: > 0 } duplicates)
            return new IssueOutcome(null, "allowDuplicate", DuplicateMessage(duplicates)) { Duplicates = duplicates, Warnings = warnings, PaperLanguage = paper };
        if (holdOnWarnings && warnings.Count > 0) return new IssueOutcome(null) { Warnings = warnings, PaperLanguage = paper };
        return new IssueOutcome(IssueTo(user, compatriot!, ManifestOf(request.ModuleId!), request.Kind!, request.Language, reason, request.HonourRoll))
        {
            Warnings = warnings, PaperLanguage = paper,
        };
    }

    private CompatriotSummary? CheckCompatriot(CurrentUser user, long? compatriotId, List<FieldError> faults)
    {
        if (compatriotId is not { } id) { faults.Add(new("compatriotId", "is required")); return null; }
        var compatriot = store.FindCompatriot(id, AccessScope.Of(user).PeopleRegion);
        if (compatriot is null) faults.Add(new("compatriotId", "no such compatriot"));
        else if (Printable(compatriot) is null) faults.Add(new("compatriotId", "the compatriot's name cannot be printed"));
        return compatriot;
    }

    /// <summary>
    /// The valid certificates of this kind the person already holds for the same reason, told apart only by case,
    /// spacing or a closing full stop; among the modules the user acts for, whose pages they can open.
    /// </summary>
    public IReadOnlyList<CertificateRecord> DuplicatesOf(CurrentUser user, long compatriotId, string kind, string reason)
    {
        var key = SameReasonKey(reason);
        return store.ValidOfKind(compatriotId, kind).Where(c => SameReasonKey(c.Reason) == key && AccessScope.Of(user).MayActFor(c.ModuleId, modules)).ToList();
    }

    internal static string SameReasonKey(string reason) => OneLine(reason).TrimEnd('.', '!', ' ').ToUpperInvariant();

    private static string DuplicateMessage(IReadOnlyList<CertificateRecord> duplicates) =>
        $"the compatriot already holds {string.Join(", ", duplicates.Select(d => d.Serial))} of this kind for the same reason; " +
        "send allowDuplicate: true to issue another";

    private static IReadOnlyList<LanguageWarning> LanguageWarnings(string reason, string paper) =>
        TextLanguage.DiffersFrom(reason, paper) is { } read ? [new LanguageWarning("reason", read, paper)] : [];

    private static string PaperLanguage(CompatriotSummary compatriot, string? chosen) =>
        chosen ?? (Languages.IsKnown(compatriot.Language) ? compatriot.Language : "ky");

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
        var faults = Check(user, moduleId, kind, language, reason, out var refused);
        if (refused is not null) return ([], refused);
        if (faults.Count > 0) return ([], IssueOutcome.Invalid(faults));
        if (compatriotIds is not { Count: > 0 }) return ([], IssueOutcome.Invalid("compatriotIds", "must list at least one compatriot"));
        if (compatriotIds.Count > MaxBatch) return ([], IssueOutcome.Invalid("compatriotIds", $"must list at most {MaxBatch} compatriots"));
        var people = new List<CompatriotSummary>();
        for (var i = 0; i < compatriotIds.Count; i++)
        {
            var compatriot = store.FindCompatriot(compatriotIds[i], AccessScope.Of(user).PeopleRegion);
            if (compatriot is null || Printable(compatriot) is null)
                return ([], IssueOutcome.Invalid($"compatriotIds[{i}]", compatriot is null ? "no such compatriot" : "the compatriot's name cannot be printed"));
            people.Add(compatriot);
        }
        var module = ManifestOf(moduleId!);
        return (people.DistinctBy(p => p.Id).Select(p => IssueTo(user, p, module, kind!, language, OneLine(reason))).ToList(), null);
    }

    /// <summary>
    /// The checks every issuance shares, all at once: a known kind and language, a reason, an enabled module. Acting for
    /// a module the user may not is a refusal, not a field to correct.
    /// </summary>
    private List<FieldError> Check(CurrentUser user, string? moduleId, string? kind, string? language, string? reason, out IssueOutcome? refused)
    {
        refused = null;
        var faults = new List<FieldError>();
        if (!CertificateKinds.IsKnown(kind)) faults.Add(new("kind", $"must be one of: {string.Join(", ", CertificateKinds.All)}"));
        if (language is not null && !Languages.IsKnown(language)) faults.Add(new("language", $"must be one of: {string.Join(", ", Languages.All)}"));
        var text = OneLine(reason);
        if (text.Length == 0) faults.Add(new("reason", "is required"));
        else if (text.Length > MaxReason) faults.Add(new("reason", $"must be at most {MaxReason} characters"));
        if (string.IsNullOrWhiteSpace(moduleId)) faults.Add(new("moduleId", "is required"));
        else if (modules.Find(moduleId) is null) faults.Add(new("moduleId", "is not an enabled module"));
        else if (!AccessScope.Of(user).MayActFor(moduleId, modules)) refused = IssueOutcome.Refused($"You may not issue certificates for module {moduleId}.");
        return faults;
    }

    private CertificateRecord IssueTo(CurrentUser user, CompatriotSummary compatriot, ModuleManifest module, string kind, string? language, string reason,
        bool honourRoll = false)
    {
        // Each person receives the paper in their own language unless the issuer chooses otherwise.
        var chosen = PaperLanguage(compatriot, language);
        return Insert(module, new NewCertificate(compatriot.Id, module.Id, module.Issuer.SerialPrefix, kind, chosen,
            Printable(compatriot)!, reason, clock.GetUtcNow(), user.Id, honourRoll, issuers.ForIssue(module).ProfileId), supersedes: null);
    }

    private static string? Printable(CompatriotSummary compatriot)
    {
        var name = OneLine(compatriot.FullName);
        return name.Length is 0 or > MaxHolderName ? null : name;
    }

    // Callers have checked that the user acts for the module, which only an enabled one allows.
    private ModuleManifest ManifestOf(string moduleId) =>
        modules.Find(moduleId) ?? throw new InvalidOperationException($"Module {moduleId} is not enabled.");

    /// <summary>
    /// Replaces a certificate by a new one (a misspelt name, a wrong language): the old serial stays verifiable
    /// and answers "superseded" with a pointer to the new one.
    /// </summary>
    private IssueOutcome ReissueCore(CurrentUser user, string serial, string? holderName, string? reason, string? language, bool holdOnWarnings)
    {
        var old = store.Find(serial);
        if (old is null || !AccessScope.Of(user).MayActFor(old.ModuleId, modules)) return IssueOutcome.Invalid("serial", "no such certificate");
        if (old.Status != CertificateStatus.Valid) return IssueOutcome.Invalid("serial", $"is {old.Status}, only a valid certificate can be reissued");
        // Reissuing would print a name again, and the holder asked to be forgotten.
        if (old.HolderErased) return IssueOutcome.Invalid("serial", "belongs to a holder whose personal data were erased");
        var faults = new List<FieldError>();
        var holder = holderName is null ? old.HolderName : OneLine(holderName);
        if (holder.Length is 0 or > MaxHolderName) faults.Add(new("holderName", $"must be 1 to {MaxHolderName} characters"));
        var newReason = reason is null ? old.Reason : OneLine(reason);
        if (newReason.Length is 0 or > MaxReason) faults.Add(new("reason", $"must be 1 to {MaxReason} characters"));
        if (language is not null && !Languages.IsKnown(language)) faults.Add(new("language", $"must be one of: {string.Join(", ", Languages.All)}"));
        if (faults.Count > 0) return IssueOutcome.Invalid(faults);
        var module = ManifestOf(old.ModuleId);
        var paper = language ?? old.Language;
        var warnings = LanguageWarnings(newReason, paper);
        if (holdOnWarnings && warnings.Count > 0) return new IssueOutcome(null) { Warnings = warnings, PaperLanguage = paper };
        try
        {
            return new IssueOutcome(Insert(module, new NewCertificate(old.CompatriotId, module.Id, module.Issuer.SerialPrefix, old.Kind,
                paper, holder, newReason, clock.GetUtcNow(), user.Id, old.HonourRoll, issuers.ForIssue(module).ProfileId),
                supersedes: old.Serial)) { Warnings = warnings, PaperLanguage = paper };
        }
        catch (CertificateConflictException ex)
        {
            return IssueOutcome.Invalid("serial", ex.Message);
        }
    }

    private IssueOutcome RevokeCore(CurrentUser user, string serial, string? reason)
    {
        var certificate = store.Find(serial);
        if (certificate is null || !AccessScope.Of(user).MayActFor(certificate.ModuleId, modules)) return IssueOutcome.Invalid("serial", "no such certificate");
        if (certificate.Status != CertificateStatus.Valid)
            return IssueOutcome.Invalid("serial", $"is {certificate.Status}, only a valid certificate can be revoked");
        if (RevokeReasonFault(reason) is { } fault) return IssueOutcome.Invalid(fault.Field, fault.Message);
        var why = OneLine(reason);
        if (!store.Revoke(serial, why, clock.GetUtcNow()))
            return IssueOutcome.Invalid("serial", $"is {certificate.Status}, only a valid certificate can be revoked");
        logger.LogInformation("Certificate {Serial} revoked by user {UserId}", serial, user.Id);
        return new IssueOutcome(store.Find(serial));
    }

    /// <summary>What is wrong with a revocation's reason, if anything; the message says it is published, so it is written for the public.</summary>
    public static FieldError? RevokeReasonFault(string? reason)
    {
        var why = OneLine(reason);
        if (why.Length == 0) return new("reason", "give the reason for revoking; it is shown publicly on the verification page");
        return why.Length > MaxReason ? new("reason", $"must be at most {MaxReason} characters; it is shown publicly on the verification page") : null;
    }

    /// <summary>Records the holder's consent (or its withdrawal) to appear on the public honour roll.</summary>
    public IssueOutcome SetHonourRoll(CurrentUser user, string serial, bool listed)
    {
        var certificate = store.Find(serial);
        if (certificate is null || !AccessScope.Of(user).MayActFor(certificate.ModuleId, modules)) return IssueOutcome.Invalid("serial", "no such certificate");
        store.SetHonourRoll(serial, listed);
        logger.LogInformation("Certificate {Serial} honour-roll consent set to {Listed} by user {UserId}", serial, listed, user.Id);
        return new IssueOutcome(store.Find(serial));
    }

    /// <summary>A certificate the user may see, or null (also when it exists but belongs to another region).</summary>
    public CertificateRecord? Find(CurrentUser user, string serial)
    {
        var certificate = store.Find(serial);
        return certificate is not null && AccessScope.Of(user).MayActFor(certificate.ModuleId, modules) ? certificate : null;
    }

    public IReadOnlyList<CertificateRecord> List(CurrentUser user, string? moduleId, int page)
    {
        var allowed = AccessScope.Of(user).ModulesActedFor(modules).Select(m => m.Id).Where(id => moduleId is null || id == moduleId).ToList();
        return store.List(allowed, page);
    }

    private CertificateRecord Insert(ModuleManifest module, NewCertificate certificate, string? supersedes)
    {
        using var key = signer.ActiveKey(module.Id);
        var issued = store.Insert(certificate, serial => key.Seal(CertificateContent.Canonical(serial, certificate.Kind, certificate.HolderName,
            certificate.ModuleId, certificate.IssuedAt, certificate.Language)), supersedes);
        // Serial and ids only: names of migrants stay out of the logs.
        logger.LogInformation("Certificate {Serial} ({Kind}) issued for compatriot {CompatriotId} by user {UserId}",
            issued.Serial, issued.Kind, issued.CompatriotId, certificate.IssuedBy);
        return issued;
    }

    internal static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
