using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Issuing;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates.Nominations;

internal sealed record NominationOutcome(long? Id, string? ModuleId, string? Field, string? Error, bool Forbidden = false, bool Duplicate = false)
{
    public static NominationOutcome Invalid(string field, string error) => new(null, null, field, error);
}

/// <summary>
/// A diaspora leader proposes one of their own members for a certificate. The leader signs nothing: the
/// nomination goes to the issuer of the member's home region (its oblast user decides, as for a module's
/// nomination), or to the national issuer when no regional module covers that region.
/// </summary>
internal sealed class LeaderNominations(NominationStore store, CompatriotQueries compatriots, ModuleRegistry modules, AuditLog audit, TimeProvider clock)
{
    public NominationOutcome Nominate(CurrentUser user, long? compatriotId, string? kind, string? reason)
    {
        if (user.Role != Roles.Leader)
            return new(null, null, null, "Officers and oblast users issue certificates directly; nominations are for diaspora leaders.", Forbidden: true);
        // Scoped lookup: someone outside the leader's organisation looks the same as no one.
        if (compatriotId is not { } id || compatriots.Find(id, user) is not { } member)
            return NominationOutcome.Invalid("compatriotId", "No member of your organisation with this id.");
        if (!CertificateKinds.IsKnown(kind)) return NominationOutcome.Invalid("kind", $"Use one of {string.Join(", ", CertificateKinds.All)}.");
        var text = (reason ?? "").Trim();
        if (text.Length is 0 or > CertificateService.MaxReason) return NominationOutcome.Invalid("reason", $"Say why, in 1 to {CertificateService.MaxReason} characters.");
        var module = modules.HomeOf(member.HomeRegion);
        if (module is null) return NominationOutcome.Invalid("compatriotId", "No enabled module issues certificates for this member's home region.");
        var nominationId = store.AddProposed(new CertificateNomination(id, module.Id, kind!, text), user.Id, clock.GetUtcNow());
        if (nominationId is null) return new(null, module.Id, null, "This member is already nominated for the same certificate and reason.", Duplicate: true);
        audit.Record(user, "certificate.nominate", $"nomination/{nominationId}", new { compatriot = id, module = module.Id, kind });
        return new(nominationId, module.Id, null, null);
    }

    public IReadOnlyList<NominationRecord> Mine(CurrentUser user, long? compatriotId = null) =>
        user.Role == Roles.Leader ? store.ListByNominator(user.Id, compatriotId) : [];
}
