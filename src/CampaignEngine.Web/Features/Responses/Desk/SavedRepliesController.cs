using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <param name="Editing">The reply in the form: a new one (Id null), one being edited, or what was typed when it was refused.</param>
internal sealed record SavedRepliesPage(
    IReadOnlyList<SavedReply> Replies, IReadOnlyList<ModuleManifest> Modules, long? EditingId, SavedReplyInput Editing, DeskFieldError? Problem, string? Done);

/// <summary>The small staff page of saved replies: the list, one form to add or change a reply, and a delete button beside each.</summary>
[Route("desk/saved-replies"), Authorize(Policy = Roles.Campaigners)]
internal sealed class SavedRepliesController(SavedReplies replies, ModuleRegistry modules) : Controller
{
    [HttpGet("")]
    public IActionResult Index(long? edit)
    {
        var me = HttpContext.CurrentUser();
        var editing = edit is { } id && replies.Find(me, id) is { } reply
            ? new SavedReplyInput(reply.ModuleId, reply.Language, reply.Title, reply.Text)
            : new SavedReplyInput(null, null, null, null);
        return Page(edit is not null && editing.ModuleId is not null ? edit : null, editing, null, null);
    }

    [HttpPost(""), ValidateAntiForgeryToken]
    public IActionResult Save([FromForm] long? id, [FromForm] SavedReplyInput input)
    {
        var (saved, problem, found) = replies.Save(HttpContext.CurrentUser(), id, input);
        if (!found) return NotFound();
        if (problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page(id, input, problem, null);
        }
        return Page(null, new SavedReplyInput(null, null, null, null), null, saved!.Title);
    }

    [HttpPost("{id:long}/delete"), ValidateAntiForgeryToken]
    public IActionResult Delete(long id) =>
        replies.Delete(HttpContext.CurrentUser(), id) ? Page(null, new SavedReplyInput(null, null, null, null), null, null) : NotFound();

    private ViewResult Page(long? editingId, SavedReplyInput editing, DeskFieldError? problem, string? done)
    {
        var me = HttpContext.CurrentUser();
        return View("SavedReplies", new SavedRepliesPage(replies.List(me), AccessScope.Of(me).ModulesActedFor(modules), editingId, editing, problem, done));
    }
}
