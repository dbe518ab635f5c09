using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Privacy.Requests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Privacy.Staff;

/// <summary>The staff list of erasure requests: open ones by due date (overdue first), then decided ones.</summary>
internal sealed record ErasureRequestsPage(IReadOnlyList<ErasureRequestLine> Lines, string? State, DateTimeOffset Now, string? Notice, long? Failed);

/// <summary>Where a decision returns: the list, or the person's staff page it was made on.</summary>
internal sealed class DecisionForm
{
    public string? Reason { get; set; }
    public long? Person { get; set; }
}

/// <summary>
/// Erasure requests for the staff who may erase people (admin, officer, as <c>DELETE /api/compatriots/{id}</c>): the
/// list at <c>/privacy/erasure-requests</c>, scoped like the directory, and the confirm and refuse forms it and the
/// person's staff page post. Confirming runs the complete erasure as a job; refusing needs the reason the person reads.
/// </summary>
[Route("privacy/erasure-requests"), Authorize(Policy = Roles.National)]
internal sealed class ErasureRequestsController(ErasureRequests requests, ErasureDecisions decisions, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public IActionResult Index(string? state, string? erasure, long? failed)
    {
        var filter = ErasureRequest.States.Contains(state) ? state : null;
        return View("ErasureRequests", new ErasureRequestsPage(requests.List(AccessScope.Of(HttpContext.CurrentUser()), filter), filter, clock.GetUtcNow(),
            Notice(erasure), failed));
    }

    /// <summary>The notice a decision came back with, from its closed list only.</summary>
    public static string? Notice(string? erasure) => erasure is "confirmed" or "refused" or "decided" ? erasure : null;

    [HttpPost("{id:long}/confirm"), ValidateAntiForgeryToken]
    public IActionResult Confirm(long id, [FromForm] DecisionForm form) => Back(id, form, decisions.Confirm(id, HttpContext.CurrentUser()), "confirmed");

    [HttpPost("{id:long}/refuse"), ValidateAntiForgeryToken]
    public IActionResult Refuse(long id, [FromForm] DecisionForm form) => Back(id, form, decisions.Refuse(id, HttpContext.CurrentUser(), form.Reason), "refused");

    /// <summary>After the decision, back where it was made, saying what happened (a missing reason beside that request's field).</summary>
    private IActionResult Back(long id, DecisionForm form, ErasureDecisions.Outcome outcome, string done)
    {
        if (outcome == ErasureDecisions.Outcome.NotFound) return NotFound();
        var query = outcome switch
        {
            ErasureDecisions.Outcome.Done => $"erasure={done}",
            ErasureDecisions.Outcome.AlreadyDecided => "erasure=decided",
            _ => $"failed={id}",
        };
        return Redirect(form.Person is { } person ? $"/compatriots/{person}?{query}#erasure" : $"/privacy/erasure-requests?{query}");
    }
}

/// <summary>The decision forms of one waiting request; <paramref name="Person"/> set when they sit on the person's staff page.</summary>
internal sealed record ErasureDecisionView(Requests.ErasureRequest Request, long? Person, bool Failed);

/// <summary>The person's erasure requests on their staff page (<c>/compatriots/{id}</c>).</summary>
internal sealed record PersonErasureView(long CompatriotId, IReadOnlyList<Requests.ErasureRequest> Requests, bool MayDecide, DateTimeOffset Now, string? Notice, long? Failed);
