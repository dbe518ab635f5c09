using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Issuing;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates.Nominations;

/// <summary>
/// Modules' proposals to recognise someone, and the oblast user's decision on them. A module never issues
/// by itself: its handler only nominates, and a person with the right to sign for that issuer approves.
/// </summary>
internal sealed class CertificateNominations(
    NominationStore store, CertificateService certificates, ModuleRegistry modules, TimeProvider clock,
    ILogger<CertificateNominations> logger)
{
    /// <summary>Stores a module's nomination after checking that it names a known kind, issuer and person.</summary>
    public bool Nominate(CertificateNomination nomination)
    {
        if (!CertificateKinds.IsKnown(nomination.Kind) || modules.Find(nomination.ModuleId) is null || string.IsNullOrWhiteSpace(nomination.Reason))
        {
            logger.LogWarning("Nomination by module {ModuleId} refused: unknown kind or module, or no reason", nomination.ModuleId);
            return false;
        }
        var added = store.Add(nomination with { Reason = nomination.Reason.Trim() }, clock.GetUtcNow());
        if (added) logger.LogInformation("Compatriot {CompatriotId} nominated for a {Kind} by module {ModuleId}", nomination.CompatriotId, nomination.Kind, nomination.ModuleId);
        return added;
    }

    public IReadOnlyList<NominationRecord> List(CurrentUser user, string? status)
    {
        var scope = AccessScope.Of(user);
        return store.List(scope.ModulesActedFor(modules).Select(m => m.Id).ToList(), scope.PeopleRegion, status);
    }

    /// <summary>A nomination the user may decide: for a module they act for, and a person within their scope.</summary>
    public NominationRecord? Find(CurrentUser user, long id) =>
        store.Find(id) is { } nomination && AccessScope.Of(user) is var scope && scope.MayActFor(nomination.ModuleId, modules)
        && scope.Covers(nomination.HomeRegion) ? nomination : null;

    /// <summary>Issues the proposed certificate (the reason and language may be adjusted) and marks the nomination approved.</summary>
    public IssueOutcome Approve(CurrentUser user, long id, string? reason, string? language, bool honourRoll)
    {
        if (Find(user, id) is not { } nomination) return IssueOutcome.Invalid("nomination", "no such nomination");
        if (!store.Decide(id, NominationStatus.Approved, user.Id, clock.GetUtcNow(), null))
            return IssueOutcome.Invalid("nomination", "has already been decided");
        language = string.IsNullOrWhiteSpace(language) ? null : language;
        // A module's reason left as proposed follows the paper's language; one the approver rewrote is printed as written.
        var text = string.IsNullOrWhiteSpace(reason) || reason.Trim() == nomination.Reason ? nomination.ReasonIn(language) : reason;
        // Approving a proposal is the decision itself; a generated reason names its own contribution, so it repeats no other.
        var outcome = certificates.Issue(user, new IssueRequest(nomination.CompatriotId, nomination.ModuleId, nomination.Kind, language, text, honourRoll,
            AllowDuplicate: true));
        if (outcome.Certificate is { } issued) store.AttachSerial(id, issued.Serial);
        else store.Reopen(id);
        return outcome;
    }

    public IssueOutcome Reject(CurrentUser user, long id, string? note)
    {
        if (Find(user, id) is null) return IssueOutcome.Invalid("nomination", "no such nomination");
        var text = (note ?? "").Trim();
        if (text.Length > CertificateService.MaxReason) return IssueOutcome.Invalid("note", $"must be at most {CertificateService.MaxReason} characters");
        return store.Decide(id, NominationStatus.Rejected, user.Id, clock.GetUtcNow(), text.Length == 0 ? null : text)
            ? new IssueOutcome(null)
            : IssueOutcome.Invalid("nomination", "has already been decided");
    }
}
