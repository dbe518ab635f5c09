using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Privacy;

/// <summary>Export and erasure on a person's request, by national staff, within their scope.</summary>
[Route("api/compatriots/{id:long}"), Authorize(Roles = $"{Roles.Admin},{Roles.Officer}", AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class PrivacyApiController(PersonalData personalData, CompatriotQueries compatriots, Audit.AuditLog audit) : ApiControllerBase
{
    [HttpGet("export")]
    public IActionResult Export(long id)
    {
        if (compatriots.Find(id, Me) is null) return Problems.NotFound($"No compatriot {id} in your scope.");
        audit.Record(Me, "compatriot.export", $"compatriot/{id}");
        return Ok(personalData.Export(id));
    }

    [HttpDelete("")]
    public IActionResult Erase(long id)
    {
        if (compatriots.Find(id, Me) is null) return Problems.NotFound($"No compatriot {id} in your scope.");
        personalData.Erase(id);
        audit.Record(Me, "compatriot.erase", $"compatriot/{id}");
        return NoContent();
    }
}
