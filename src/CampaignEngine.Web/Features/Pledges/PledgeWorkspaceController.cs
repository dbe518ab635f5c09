using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Pledges;

public sealed record NewPledgePage(PersonPicker Person, PledgeRequest Form, IReadOnlyList<string> Currencies, string? Error);

public sealed record PledgeDetailPage(PledgeRow Pledge, CompatriotItem? Person, IReadOnlyList<FulfilmentRow> Fulfilments, long MyId, string? Error);

/// <summary>
/// The leader's workspace on a phone: record a pledge heard at a community evening, record money that
/// arrived with its bank reference, and approve what another board member recorded.
/// </summary>
[Route("pledges"), Authorize(Policy = Roles.Staff)]
public sealed class PledgeWorkspaceController(
    PledgeStore pledges, PledgeRecorder recorder, Fulfilments fulfilments, Rates rates, CompatriotQueries compatriots, PersonPickers pickers,
    Audit.AuditLog audit) : Controller
{
    private CurrentUser Me => HttpContext.CurrentUser();

    [HttpGet("new"), Authorize(Policy = Roles.Recorders)]
    public IActionResult New(long? compatriotId, string? find) =>
        View(new NewPledgePage(Picker(compatriotId, find, missing: false), new PledgeRequest { CompatriotId = compatriotId, Kind = "money" }, rates.Currencies(), null));

    [HttpPost("new"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Recorders)]
    public async Task<IActionResult> Create([FromForm] PledgeRequest form)
    {
        string? error = null;
        if (Me.Role == Roles.Oblast) return Forbid();
        if (pickers.Chosen(form.CompatriotId, Me) is null) error = "compatriotId";
        else if (form.Pledge.Problem(rates.IsKnown) is { } problem) error = problem.Field;
        else if (form.ProjectId is { } projectId && !pledges.ProjectExists(projectId)) error = "projectId";
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("New", new NewPledgePage(Picker(form.CompatriotId, null, missing: error == "compatriotId"), form, rates.Currencies(), error));
        }
        var id = await recorder.RecordAsync(form.CompatriotId!.Value, form.Pledge, new PledgeOrigin(Me.Role == Roles.Leader ? "leader" : "officer", Me.Id, null, null));
        audit.Record(Me, "pledge.record", $"pledge/{id}", new { kind = form.Kind });
        return Redirect($"/pledges/{id}");
    }

    [HttpGet("{id:long}")]
    public IActionResult Details(long id) => pledges.Find(id, Me) is { } pledge ? View(Page(pledge, null)) : NotFound();

    /// <summary>Confirms a pledge: a large one made through a link counts in public only after this.</summary>
    [HttpPost("{id:long}/confirm"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Recorders)]
    public IActionResult Confirm(long id, [FromServices] TimeProvider clock)
    {
        if (Me.Role == Roles.Oblast) return Forbid();
        if (pledges.Find(id, Me) is not { } pledge) return NotFound();
        if (!pledges.Confirm(id, clock.GetUtcNow()))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Details", Page(pledge, "confirm"));
        }
        audit.Record(Me, "pledge.confirm", $"pledge/{id}");
        return Redirect($"/pledges/{id}");
    }

    [HttpPost("{id:long}/fulfilments"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Recorders)]
    public IActionResult RecordFulfilment(long id, [FromForm] FulfilmentInput input)
    {
        if (Me.Role == Roles.Oblast) return Forbid();
        if (pledges.Find(id, Me) is not { } pledge) return NotFound();
        var (_, field, error) = fulfilments.Record(pledge, input, Me);
        if (error is null) return Redirect($"/pledges/{id}");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Details", Page(pledge, field));
    }

    [HttpPost("fulfilments/{id:long}/decide"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Recorders)]
    public async Task<IActionResult> Decide(long id, [FromForm] string? decision, [FromForm] string? reason)
    {
        if (Me.Role == Roles.Oblast) return Forbid();
        if (fulfilments.Find(id) is not { } fulfilment || pledges.Find(fulfilment.PledgeId, Me) is not { } pledge) return NotFound();
        var error = decision == "approve"
            ? await fulfilments.ApproveAsync(fulfilment, pledge, Me)
            : fulfilments.Reject(fulfilment, Me, string.IsNullOrWhiteSpace(reason) ? "rejected" : reason.Trim());
        if (error is null) return Redirect($"/pledges/{pledge.Id}");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Details", Page(pledge, "approval"));
    }

    private PledgeDetailPage Page(PledgeRow pledge, string? error) =>
        new(pledges.Find(pledge.Id, Me)!, compatriots.Find(pledge.CompatriotId, Me), fulfilments.ForPledge(pledge.Id), Me.Id, error);

    // A leader finds among their own members, national staff among everyone: the picker searches in the caller's scope.
    private PersonPicker Picker(long? chosen, string? find, bool missing) =>
        pickers.For(Me, form: "pledge-form", page: "/pledges/new", chosen, find, missing: missing);
}
