using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Users;

[Route("api/api-keys")]
internal sealed class ApiKeysApiController(ApiKeyStore keys, Audit.AuditLog audit) : ApiControllerBase
{
    /// <summary>Revokes a key: its owner or an admin. Someone else's key answers 404, so key ids cannot be probed.</summary>
    [HttpDelete("{id:long}")]
    public IActionResult Revoke(long id)
    {
        if (keys.Find(id) is not { } key || (!Me.IsAdmin && key.UserId != Me.Id)) return Problems.NotFound($"No API key {id}.");
        if (keys.Revoke(id)) audit.Record(Me, "apikey.revoke", $"apikey/{id}", new { userId = key.UserId });
        return NoContent();
    }
}
