using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Responses.Desk.Staff;

internal sealed record AssignRequest(long? UserId);
internal sealed record TagRequest(IReadOnlyList<string>? Topics);
internal sealed record TextRequest(string? Text);
internal sealed record ForwardRequest(string? To, string? Note);
internal sealed record LinkRequest(long? CompatriotId);
internal sealed record BulkRequest(IReadOnlyList<long>? Ids, string? Action, long? UserId, IReadOnlyList<string>? Topics);

/// <summary>
/// The desk as JSON: the threads a user may see, one thread with its conversation, and the staff actions. A thread
/// outside the caller's view answers 404 exactly as one that does not exist. Routes to a thread take <c>{id:long}</c>,
/// so that literal siblings (<c>/api/inbox/stats</c>, <c>/api/inbox/saved-replies</c>) win.
/// </summary>
[Route("api/inbox")]
internal sealed class InboxApiController(
    DeskQueries queries, DeskThreads threads, DeskBulk bulk, ModuleRegistry modules, UiText texts, TimeProvider clock) : ApiControllerBase
{
    [HttpGet("")]
    public IActionResult List(string? state, string? moduleId, string? topic, string? channel, bool? overdue, long? assigneeId, int? page, int? pageSize)
    {
        var filter = DeskFilter.From(state, moduleId, topic, channel, overdue ?? false, assigneeId, page ?? 1, pageSize ?? DeskFilter.DefaultPageSize);
        if (filter.Problem(modules) is { } problem) return Problems.Invalid(problem.Field, problem.Error);
        var list = queries.List(Me, filter);
        var now = clock.GetUtcNow();
        return Ok(new { items = list.Items.Select(i => InboxJson.Item(i, now)), list.Total });
    }

    [HttpGet("{id:long}")]
    public IActionResult Get(long id) =>
        queries.Find(Me, id) is { } thread ? Ok(ThreadJson(thread)) : NoThread(id);

    [HttpPost("{id:long}/assign")]
    public IActionResult Assign(long id, [FromBody] AssignRequest request) =>
        request.UserId is { } userId ? Done(id, threads.Assign(Me, id, userId)) : Problems.Invalid("userId", "names the user the thread goes to");

    [HttpPost("{id:long}/tag")]
    public IActionResult Tag(long id, [FromBody] TagRequest request) =>
        request.Topics is { } topics ? Done(id, threads.Tag(Me, id, topics)) : Problems.Invalid("topics", "lists the thread's topics");

    /// <summary>202: the answer is stored and its delivery queued; the thread shows it at once.</summary>
    [HttpPost("{id:long}/answer")]
    public IActionResult Answer(long id, [FromBody] TextRequest request) => threads.Answer(Me, id, request.Text ?? "") switch
    {
        { Found: false } => NoThread(id),
        { Ok: false } refused => Problems.Invalid(refused.Field!, refused.Error!),
        var done => Accepted($"/api/inbox/{id}", new { id, answerId = done.MessageId }),
    };

    [HttpPost("{id:long}/forward")]
    public IActionResult Forward(long id, [FromBody] ForwardRequest request) => Done(id, threads.Forward(Me, id, request.To ?? "", request.Note));

    [HttpPost("{id:long}/close")]
    public IActionResult Close(long id) => Done(id, threads.Close(Me, id));

    [HttpPost("{id:long}/note")]
    public IActionResult Note(long id, [FromBody] TextRequest request) => Done(id, threads.Note(Me, id, request.Text ?? ""));

    [HttpPost("{id:long}/link")]
    public IActionResult Link(long id, [FromBody] LinkRequest request) =>
        request.CompatriotId is { } person ? Done(id, threads.LinkSender(Me, id, person)) : Problems.Invalid("compatriotId", "names the person who wrote");

    /// <summary>Assign, tag or close many threads: each one's outcome, or 404 naming a thread outside the caller's view (then nothing is done).</summary>
    [HttpPost("bulk")]
    public IActionResult Bulk([FromBody] BulkRequest request)
    {
        if (DeskBulk.Problem(request.Ids, request.Action, request.UserId, request.Topics) is { } problem) return Problems.Invalid(problem.Field, problem.Error);
        var result = bulk.Apply(Me, request.Ids!, request.Action!, request.UserId, request.Topics);
        return result.Unseen is { } unseen ? NoThread(unseen) : Ok(new { items = result.Items });
    }

    private IActionResult Done(long id, DeskOutcome outcome) => outcome switch
    {
        { Found: false } => NoThread(id),
        { Ok: false } => Problems.Invalid(outcome.Field!, outcome.Error!),
        _ => Ok(ThreadJson(queries.Find(Me, id)!)),
    };

    /// <summary>The thread as the API gives it, its events in the caller's language (<c>?lang=</c>, the cookie, Accept-Language).</summary>
    private object ThreadJson(DeskThreadView thread) => InboxJson.Thread(thread, clock.GetUtcNow(), texts, UiLanguage.Of(HttpContext));

    private static ObjectResult NoThread(long id) => Problems.NotFound($"No thread {id}.");
}
