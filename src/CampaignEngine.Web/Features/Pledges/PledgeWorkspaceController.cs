using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Pledges;

internal sealed record NewPledgePage(PersonPicker Person, StaffPledgeForm Form, IReadOnlyList<string> Currencies, IReadOnlyList<FieldError> Errors)
{
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Key;
}

/// <summary>A fulfilment as typed into the pledge's page: the sum stays text until it is read in the page's language.</summary>
internal sealed record FulfilmentForm(string? Amount, string? Currency, string? Hours, string? Evidence);

internal sealed record PledgeDetailPage(PledgeRow Pledge, CompatriotItem? Person, IReadOnlyList<FulfilmentRow> Fulfilments, long MyId, string? Error);

/// <summary>
/// The leader's workspace on a phone: record a pledge heard at a community evening, record money that
/// arrived with its bank reference, and approve what another board member recorded.
/// </summary>
[Route("pledges"), Authorize(Policy = Roles.Staff)]
internal sealed class PledgeWorkspaceController(
    PledgeStore pledges, PledgeRecorder recorder, PledgeFormReader reader, Fulfilments fulfilments, Rates rates, CompatriotQueries compatriots,
    PersonPickers pickers,
    Audit.AuditLog audit) : Controller
{
    private CurrentUser Me => HttpContext.CurrentUser();

    [HttpGet("new"), Authorize(Policy = Roles.Recorders)]
    public IActionResult New(long? compatriotId, string? find) =>
        View(new NewPledgePage(Picker(compatriotId, find, missing: false), new StaffPledgeForm { CompatriotId = compatriotId }, rates.Currencies(), []));

    [HttpPost("new"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Recorders)]
    public async Task<IActionResult> Create([FromForm] StaffPledgeForm form)
    {
        if (Me.Role == Roles.Oblast) return Forbid();
        // Every refusal at once, each beside its field; the sums are read in the language the page is shown in.
        var read = reader.Read(form, UiLanguage.Of(HttpContext));
        var errors = read.Errors.ToList();
        // Only someone the caller may choose (in their scope, not erased), whatever id the form carries.
        if (pickers.Chosen(form.CompatriotId, Me) is null) errors.Insert(0, new("compatriotId", "pub.error.compatriotId"));
        if (form.Project is { } projectId && !pledges.ProjectExists(projectId)) errors.Add(new("projectId", "pub.error.projectId"));
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("New", new NewPledgePage(Picker(form.CompatriotId, null, missing: errors.Exists(e => e.Field == "compatriotId")), form, rates.Currencies(), errors));
        }
        var id = await recorder.RecordAsync(form.CompatriotId!.Value, read.Input!, new PledgeOrigin(Me.Role == Roles.Leader ? "leader" : "officer", Me.Id, null, null));
        audit.Record(Me, "pledge.record", $"pledge/{id}", new { kind = read.Input!.Kind });
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
            return View("Details", Page(pledge, "pledges.error.confirm"));
        }
        audit.Record(Me, "pledge.confirm", $"pledge/{id}");
        return Redirect($"/pledges/{id}");
    }

    [HttpPost("{id:long}/fulfilments"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Recorders)]
    public IActionResult RecordFulfilment(long id, [FromForm] FulfilmentForm form)
    {
        if (Me.Role == Roles.Oblast) return Forbid();
        if (pledges.Find(id, Me) is not { } pledge) return NotFound();
        var (input, readError) = ReadFulfilment(pledge, form);
        if (readError is null)
        {
            var (_, field, error) = fulfilments.Record(pledge, input, Me);
            if (error is null) return Redirect($"/pledges/{id}");
            readError = "pledges.error." + field;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Details", Page(pledge, readError));
    }

    /// <summary>The sum or hours as typed, read in the page's language; the key of the field's message when it does not read.</summary>
    private (FulfilmentInput Input, string? ErrorKey) ReadFulfilment(PledgeRow pledge, FulfilmentForm form)
    {
        var language = UiLanguage.Of(HttpContext);
        var currency = (string.IsNullOrWhiteSpace(form.Currency) ? pledge.Currency ?? "" : form.Currency.Trim()).ToUpperInvariant();
        var input = new FulfilmentInput(null, currency, null, form.Evidence);
        if (pledge.Kind == "money")
        {
            if (!rates.IsKnown(currency)) return (input, "pledges.error.currency");
            var amount = reader.ReadMoney(form.Amount, currency, language);
            return (input with { Amount = amount.Value }, amount.ErrorKey("amount"));
        }
        if (pledge.Kind != "time") return (input, null);
        var hours = PledgeFormReader.ReadHours(form.Hours, language);
        return (input with { Hours = hours.Value }, hours.ErrorKey("hours"));
    }

    [HttpPost("fulfilments/{id:long}/decide"), ValidateAntiForgeryToken, Authorize(Policy = Roles.Recorders)]
    public IActionResult Decide(long id, [FromForm] string? decision, [FromForm] string? reason)
    {
        if (Me.Role == Roles.Oblast) return Forbid();
        if (fulfilments.Find(id) is not { } fulfilment || pledges.Find(fulfilment.PledgeId, Me) is not { } pledge) return NotFound();
        var error = decision == "approve"
            ? fulfilments.Approve(fulfilment, pledge, Me)
            : fulfilments.Reject(fulfilment, Me, string.IsNullOrWhiteSpace(reason) ? "rejected" : reason.Trim());
        if (error is null) return Redirect($"/pledges/{pledge.Id}");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("Details", Page(pledge, "pledges.error.approval"));
    }

    private PledgeDetailPage Page(PledgeRow pledge, string? error) =>
        new(pledges.Find(pledge.Id, Me)!, compatriots.Find(pledge.CompatriotId, Me), fulfilments.ForPledge(pledge.Id), Me.Id, error);

    // A leader finds among their own members, national staff among everyone: the picker searches in the caller's scope.
    private PersonPicker Picker(long? chosen, string? find, bool missing) =>
        pickers.For(Me, form: "pledge-form", page: "/pledges/new", chosen, find, missing: missing);
}
