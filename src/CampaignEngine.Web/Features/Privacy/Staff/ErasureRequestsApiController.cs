using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Privacy.Requests;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Privacy.Staff;

/// <summary>What a refusal carries: the reason the person will read on their page.</summary>
internal sealed record RefuseInput(string? Reason);

/// <summary>
/// Erasure requests over the API, for the same staff as the page: the list (open first, by due date), confirm (202: the
/// erasure job is queued) and refuse with a reason. Requests about people out of the caller's scope do not exist for them.
/// </summary>
[Route("api/privacy/erasure-requests"), Authorize(Policy = Roles.National, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class ErasureRequestsApiController(ErasureRequests requests, ErasureDecisions decisions, TimeProvider clock) : ApiControllerBase
{
    [HttpGet("")]
    public IActionResult List(string? state)
    {
        if (state is not null && !ErasureRequest.States.Contains(state))
            return Problems.Invalid("state", $"one of {string.Join(", ", ErasureRequest.States)}");
        var now = clock.GetUtcNow();
        return Ok(new { items = requests.List(Scope, state).Select(l => View(l.Request, now)) });
    }

    [HttpGet("{id:long}")]
    public IActionResult Get(long id) =>
        decisions.Visible(id, Me) is { } request ? Ok(View(request, clock.GetUtcNow())) : Problems.NotFound($"No erasure request {id} in your scope.");

    [HttpPost("{id:long}/confirm")]
    public IActionResult Confirm(long id) => Answer(id, decisions.Confirm(id, Me), StatusCodes.Status202Accepted);

    [HttpPost("{id:long}/refuse")]
    public IActionResult Refuse(long id, RefuseInput input) => Answer(id, decisions.Refuse(id, Me, input.Reason), StatusCodes.Status200OK);

    private IActionResult Answer(long id, ErasureDecisions.Outcome outcome, int status) => outcome switch
    {
        ErasureDecisions.Outcome.Done => StatusCode(status, View(requests.Find(id)!, clock.GetUtcNow())),
        ErasureDecisions.Outcome.NotFound => Problems.NotFound($"No erasure request {id} in your scope."),
        ErasureDecisions.Outcome.AlreadyDecided => Problems.Conflict($"Erasure request {id} was already decided."),
        _ => Problems.Invalid("reason", $"say why, in words the person will read: from 1 to {ErasureDecisions.MaxReason} characters"),
    };

    /// <summary>A request as the API shows it: ids, states and times, never the person's name or link.</summary>
    private static object View(ErasureRequest r, DateTimeOffset now) => new
    {
        id = r.Id, compatriotId = r.CompatriotId, state = r.State, requestedAt = r.RequestedAt, dueAt = r.DueAt, overdue = r.IsOverdue(now),
        decidedAt = r.DecidedAt, refusalReason = r.RefusalReason, erasedAt = r.ErasedAt,
    };
}
