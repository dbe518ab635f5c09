using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>Saved replies through the API: those of the modules the caller acts for, each checked in the sandbox before it is stored.</summary>
// Leaders act for no module, so they have no saved replies to read or write.
[Route("api/inbox/saved-replies"), Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class SavedRepliesApiController(SavedReplies replies) : ApiControllerBase
{
    [HttpGet("")]
    public IActionResult List(string? moduleId, string? language) =>
        Ok(new { items = replies.List(Me, moduleId, language).Select(Json) });

    [HttpPost("")]
    public IActionResult Create(SavedReplyInput input) => Saved(null, input);

    [HttpPut("{id:long}")]
    public IActionResult Update(long id, SavedReplyInput input) => Saved(id, input);

    [HttpDelete("{id:long}")]
    public IActionResult Delete(long id) => replies.Delete(Me, id) ? NoContent() : Problems.NotFound("No such saved reply.");

    private IActionResult Saved(long? id, SavedReplyInput input)
    {
        var (saved, problem, found) = replies.Save(Me, id, input);
        if (!found) return Problems.NotFound("No such saved reply.");
        if (problem is not null) return Problems.Invalid(problem.Field, problem.Message);
        return id is null ? StatusCode(StatusCodes.Status201Created, Json(saved!)) : Ok(Json(saved!));
    }

    private static object Json(SavedReply reply) => new { reply.Id, reply.ModuleId, reply.Language, reply.Title, reply.Text, reply.UpdatedAt };
}
