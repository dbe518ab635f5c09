using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Features.Privacy.Requests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Compatriots;

/// <summary>One person as staff see them, with the corrections they proposed on their own page.</summary>
internal sealed record PersonPage(CompatriotItem Person, IReadOnlyList<ProposedChange> Changes, bool MayDecide, string? Notice, Privacy.Staff.PersonErasureView Erasure);

/// <summary>
/// A person's staff page (<c>/compatriots/{id}</c>, scoped like the directory) and the decisions on the home region or
/// country they proposed: an administration that covers the person accepts (the directory changes) or rejects, audited.
/// The person's own link is never shown here.
/// </summary>
[Route("compatriots"), Authorize(Policy = Roles.Staff)]
internal sealed class PersonController(CompatriotQueries queries, ProposedChanges changes, ErasureRequests erasures, AuditLog audit, TimeProvider clock) : Controller
{
    [HttpGet("{id:long}")]
    public IActionResult Show(long id, string? notice, string? erasure, long? failed)
    {
        var me = HttpContext.CurrentUser();
        if (queries.Find(id, me) is not { } person) return NotFound();
        // The person's erasure requests and their outcome stay here after the erasure, naming nobody; national staff decide them.
        var erasureView = new Privacy.Staff.PersonErasureView(id, erasures.Of(id), me.IsNational, clock.GetUtcNow(),
            Privacy.Staff.ErasureRequestsController.Notice(erasure), failed);
        return View("Person", new PersonPage(person, changes.Of(id), MayDecide(me), notice, erasureView));
    }

    [HttpPost("{id:long}/changes/{changeId:long}/accept"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Campaigners)]
    public IActionResult Accept(long id, long changeId) => Decide(id, changeId, accept: true);

    [HttpPost("{id:long}/changes/{changeId:long}/reject"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Campaigners)]
    public IActionResult Reject(long id, long changeId) => Decide(id, changeId, accept: false);

    private IActionResult Decide(long id, long changeId, bool accept)
    {
        var me = HttpContext.CurrentUser();
        // The person must be in the caller's scope, and the correction theirs: anything else is not found, never decided.
        if (queries.Find(id, me) is null || changes.Find(changeId) is not { } change || change.CompatriotId != id) return NotFound();
        if (!changes.Decide(changeId, accept, me.Id, clock.GetUtcNow())) return Redirect($"/compatriots/{id}?notice=decided");
        audit.Record(me, accept ? "compatriot.change.accept" : "compatriot.change.reject", $"compatriot/{id}",
            new { change = changeId, field = change.Field, value = change.Value });
        return Redirect($"/compatriots/{id}?notice={(accept ? "accepted" : "rejected")}");
    }

    private static bool MayDecide(CurrentUser user) => user.Role is Roles.Admin or Roles.Officer or Roles.Oblast;
}
