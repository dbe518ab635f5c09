using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Responses.Desk.Staff;

/// <summary>The desk's list: the filter as given, one page of threads, and who the checked ones may go to.</summary>
/// <param name="Error">A text key: a filter the desk does not know, or a bulk action sent incomplete.</param>
internal sealed record DeskPage(
    DeskFilter Filter, DeskList List, IReadOnlyList<CurrentUser> Assignees, IReadOnlyList<ModuleManifest> Modules, DateTimeOffset Now,
    string? Error, int? Done, int? Refused)
{
    public int Pages => Math.Max(1, (List.Total + Filter.PageSize - 1) / Filter.PageSize);

    /// <summary>The list's own query string (filters and page), to come back to after a bulk action or to turn a page.</summary>
    public string Query(int? page = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["state"] = Filter.State, ["moduleId"] = Filter.ModuleId, ["topic"] = Filter.Topic, ["channel"] = Filter.Channel,
        ["overdue"] = Filter.Overdue ? "true" : null, ["assigneeId"] = Filter.AssigneeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["page"] = (page ?? Filter.Page) is var p and > 1 ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(kv => kv.Value is not null)).Value ?? "";
}

/// <summary>One thread's page: the conversation, the person, and the forms of every staff action.</summary>
internal sealed record ThreadPage(DeskThreadView View, IReadOnlyList<CurrentUser> Assignees, PersonPicker? Picker, DateTimeOffset Now, string? ErrorField, string? Error)
{
    public string? ErrorFor(string field) => ErrorField == field ? Error : null;
}

/// <summary>
/// The desk's pages: <c>/desk</c> lists the threads the user may see (overdue first), filters them and acts on the
/// checked ones; <c>/desk/{id}</c> shows one conversation and its actions. Both use the same queries and actions as
/// the API (<see cref="DeskQueries"/>, <see cref="DeskThreads"/>), so the pages and the API cannot disagree on scope.
/// </summary>
[Route("desk"), Authorize(Policy = Roles.Staff)]
internal sealed class DeskController(
    DeskQueries queries, DeskThreads threads, DeskBulk bulk, PersonPickers pickers, ModuleRegistry modules, TimeProvider clock) : Controller
{
    private CurrentUser Me => HttpContext.CurrentUser();

    [HttpGet("")]
    public IActionResult Index(
        string? state, string? moduleId, string? topic, string? channel, bool overdue, long? assigneeId, int page = 1,
        int? done = null, int? refused = null, string? bulkError = null)
    {
        var filter = DeskFilter.From(state, moduleId, topic, channel, overdue, assigneeId, page, DeskFilter.DefaultPageSize);
        if (filter.Problem(modules) is { } problem)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Desk", Page(new DeskFilter(), new DeskList([], 0), "desk.error.filter." + problem.Field, null, null));
        }
        var error = bulkError is null ? null : "desk.error.bulk." + (bulkError is "ids" or "action" or "userId" or "topics" ? bulkError : "action");
        return View("Desk", Page(filter, queries.List(Me, filter), error, done, refused));
    }

    /// <summary>The checked threads assigned, tagged or closed; back to the same list with how many were done.</summary>
    /// <param name="back">The list's query string the form was on (only a query string: never a way elsewhere).</param>
    [HttpPost("bulk"), ValidateAntiForgeryToken]
    public IActionResult Bulk([FromForm] long[]? ids, [FromForm] string? action, [FromForm] long? userId, [FromForm] string[]? topics, [FromForm] string? back)
    {
        var list = back is not null && back.StartsWith('?') ? back : "?";
        var separator = list.Length > 1 ? "&" : "";
        if (DeskBulk.Problem(ids, action, userId, action == "tag" ? topics ?? [] : topics) is { } problem)
            return Redirect($"/desk{list}{separator}bulkError={problem.Field}");
        var result = bulk.Apply(Me, ids!, action!, userId, topics ?? []);
        if (result.Unseen is not null) return NotFound();
        var done = result.Items.Count(i => i.Outcome == "done");
        return Redirect($"/desk{list}{separator}done={done}&refused={result.Items.Count - done}");
    }

    /// <param name="find">A search of the person picker (linking an unknown sender), without scripts.</param>
    /// <param name="compatriotId">A person chosen with the picker.</param>
    [HttpGet("{id:long}")]
    public IActionResult Thread(long id, string? find, long? compatriotId) => Show(id, find, compatriotId, null, null);

    [HttpPost("{id:long}/assign"), ValidateAntiForgeryToken]
    public IActionResult Assign(long id, [FromForm] long? userId) =>
        userId is { } user ? After(id, threads.Assign(Me, id, user)) : Show(id, null, null, "userId", "desk.error.userId");

    [HttpPost("{id:long}/tag"), ValidateAntiForgeryToken]
    public IActionResult Tag(long id, [FromForm] string[]? topics) => After(id, threads.Tag(Me, id, topics ?? []));

    [HttpPost("{id:long}/answer"), ValidateAntiForgeryToken]
    public IActionResult Answer(long id, [FromForm] string? text) => After(id, threads.Answer(Me, id, text ?? ""));

    [HttpPost("{id:long}/forward"), ValidateAntiForgeryToken]
    public IActionResult Forward(long id, [FromForm] string? to, [FromForm] string? note) => After(id, threads.Forward(Me, id, to ?? "", note));

    [HttpPost("{id:long}/close"), ValidateAntiForgeryToken]
    public IActionResult Close(long id) => After(id, threads.Close(Me, id));

    [HttpPost("{id:long}/note"), ValidateAntiForgeryToken]
    public IActionResult Note(long id, [FromForm] string? text) => After(id, threads.Note(Me, id, text ?? ""));

    [HttpPost("{id:long}/link"), ValidateAntiForgeryToken]
    public IActionResult Link(long id, [FromForm] long? compatriotId) =>
        compatriotId is { } person ? After(id, threads.LinkSender(Me, id, person)) : Show(id, null, null, "compatriotId", "desk.error.compatriotId");

    /// <summary>Done: back to the thread (a reload does not repeat it). Refused: the page again, the reason beside the form.</summary>
    private IActionResult After(long id, DeskOutcome outcome) => outcome switch
    {
        { Found: false } => NotFound(),
        { Ok: false } => Show(id, null, null, outcome.Field, "desk.error." + outcome.Field),
        _ => Redirect($"/desk/{id}#conversation"),
    };

    private IActionResult Show(long id, string? find, long? compatriotId, string? errorField, string? error)
    {
        if (queries.Find(Me, id) is not { } view) return NotFound();
        if (error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        var picker = view.Thread.CompatriotId is null
            ? pickers.For(Me, form: "link-form", page: $"/desk/{id}", compatriotId, find, missing: errorField == "compatriotId")
            : null;
        var assignees = threads.Assignees(view.Person?.HomeRegion, view.Thread.ModuleId, view.OrganizationId);
        return View("DeskThread", new ThreadPage(view, assignees, picker, clock.GetUtcNow(), errorField, error));
    }

    private DeskPage Page(DeskFilter filter, DeskList list, string? error, int? done, int? refused) =>
        new(filter, list, threads.AssigneesSeenBy(Me), queries.ModulesSeenBy(Me), clock.GetUtcNow(), error, done, refused);
}
