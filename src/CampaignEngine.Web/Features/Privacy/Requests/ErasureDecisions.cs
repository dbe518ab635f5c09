using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Auth;
using Hangfire;

namespace CampaignEngine.Web.Features.Privacy.Requests;

/// <summary>
/// Staff's decisions on erasure requests, the same for the page and the API: only requests about people in the user's
/// scope exist for them; confirming queues the erasure job (keyed by the request's id); refusing needs a reason the
/// person will read. Each decision is audited by ids, never names.
/// </summary>
internal sealed class ErasureDecisions(ErasureRequests requests, Compatriots.CompatriotQueries people, IBackgroundJobClient jobs, AuditLog audit)
{
    public const int MaxReason = 1000;

    public enum Outcome { Done, NotFound, AlreadyDecided, ReasonMissing }

    /// <summary>The request if it is about someone the user sees; null otherwise (a request out of scope does not exist for them).</summary>
    public ErasureRequest? Visible(long id, CurrentUser user) =>
        requests.Find(id) is { } request && people.Find(request.CompatriotId, user) is not null ? request : null;

    public Outcome Confirm(long id, CurrentUser user)
    {
        if (Visible(id, user) is not { } request) return Outcome.NotFound;
        if (!requests.Confirm(id, user.Id)) return Outcome.AlreadyDecided;
        audit.Record(user, "privacy.erasure.confirm", $"erasure-request/{id}", new { compatriot = request.CompatriotId });
        jobs.Enqueue<ErasureJob>(j => j.Run(id));
        return Outcome.Done;
    }

    public Outcome Refuse(long id, CurrentUser user, string? reason)
    {
        if (Visible(id, user) is not { } request) return Outcome.NotFound;
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReason) return Outcome.ReasonMissing;
        if (!requests.Refuse(id, user.Id, reason.Trim())) return Outcome.AlreadyDecided;
        // The reason is free text about the person: it stays in the request (redacted if they are erased later), not here.
        audit.Record(user, "privacy.erasure.refuse", $"erasure-request/{id}", new { compatriot = request.CompatriotId });
        return Outcome.Done;
    }
}
