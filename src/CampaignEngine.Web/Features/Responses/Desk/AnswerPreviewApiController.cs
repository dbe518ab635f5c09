using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>What to preview: a typed text, or a saved reply (in the person's language when the module has it in theirs).</summary>
internal sealed record PreviewInput(string? Text, long? SavedReplyId);

/// <summary>
/// <c>POST /api/inbox/{id}/preview</c>: an answer, typed or saved, rendered as the person will read it, in their
/// language, before it is sent. Nothing is stored.
/// </summary>
[Route("api/inbox/{id:long}/preview")]
internal sealed class AnswerPreviewApiController(AnswerPreview preview) : ApiControllerBase
{
    [HttpPost("")]
    public IActionResult Preview(long id, PreviewInput input)
    {
        var result = preview.Of(Me, id, input);
        if (!result.Found) return Problems.NotFound("No such thread.");
        if (result.Field is not null) return Problems.Invalid(result.Field, result.Error!);
        return Ok(new { language = result.Language, text = result.Text });
    }
}

/// <summary>A preview: the rendered text and its language, or the field at fault, or no such thread in the user's view.</summary>
internal sealed record PreviewResult(bool Found, string? Language = null, string? Text = null, string? Field = null, string? Error = null);

/// <summary>Renders an answer for a thread's person as <see cref="DeskThreads.Answer"/> will store it; used by the API and the desk's pages.</summary>
internal sealed class AnswerPreview(Db db, ModuleRegistry modules, AnswerText answers, SavedReplies replies)
{
    public PreviewResult Of(CurrentUser user, long threadId, PreviewInput input)
    {
        var visible = AccessScope.Of(user).ForThreads("t", modules);
        AnswerText.Person? person;
        using (var connection = db.Open())
        {
            var compatriotId = connection.QuerySingleOrDefault<(long Id, long? CompatriotId)?>($"""
                SELECT t.id, t.compatriot_id FROM response_thread t
                WHERE t.id = @threadId AND {visible.Sql}
                """, visible.With(new { threadId }));
            if (compatriotId is null) return new PreviewResult(false);
            if (compatriotId.Value.CompatriotId is null) return new PreviewResult(true, Field: "compatriotId", Error: "the sender is matched to nobody: there is no one to answer");
            person = AnswerText.Read(connection, null, threadId)!;
        }
        if ((input.Text is null) == (input.SavedReplyId is null)) return new PreviewResult(true, Field: "text", Error: "give either text or savedReplyId");
        string text;
        if (input.SavedReplyId is { } replyId)
        {
            if (replies.Find(user, replyId) is not { } reply) return new PreviewResult(true, Field: "savedReplyId", Error: "is not a saved reply of a module you act for");
            text = replies.InLanguage(reply, person.Language).Text;
        }
        else if (string.IsNullOrWhiteSpace(input.Text) || input.Text.Length > DeskThreads.MaxText)
            return new PreviewResult(true, Field: "text", Error: $"is empty or longer than {DeskThreads.MaxText} characters");
        else text = input.Text.Trim();
        var rendered = answers.Render(person, text);
        return rendered.Error is { } error
            ? new PreviewResult(true, Field: input.SavedReplyId is null ? "text" : "savedReplyId", Error: error.ToString())
            : new PreviewResult(true, rendered.Language, rendered.Text);
    }
}
