using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>The issuer printed on a module's certificates: read by those who act for the module, edited by its oblast administration or the admin.</summary>
[Authorize(Policy = Roles.Campaigners)]
internal sealed class IssuerApiController(IssuerEditing editing) : ApiControllerBase
{
    [HttpGet("api/modules/{moduleId}/issuer")]
    public IActionResult Get(string moduleId) => Answer(editing.Read(Me, moduleId));

    [HttpPut("api/modules/{moduleId}/issuer")]
    public IActionResult Put(string moduleId, [FromBody] IssuerInput body) => Answer(editing.Update(Me, moduleId, body));

    private IActionResult Answer(IssuerOutcome outcome)
    {
        if (outcome.NotFound) return Problems.NotFound("no such enabled module");
        if (outcome.Forbidden) return Problems.Forbidden(outcome.Error!);
        if (outcome.Faults.Count > 0) return Problems.Invalid(FieldError.ByField(outcome.Faults));
        var current = outcome.Issuer!;
        var issuer = current.Issuer;
        return Ok(new
        {
            moduleId = outcome.Module!.Id,
            name = issuer.Name,
            signatoryTitle = issuer.SignatoryTitle,
            signatoryName = issuer.SignatoryName,
            emblemSvg = issuer.EmblemSvg,
            serialPrefix = outcome.Module.Issuer.SerialPrefix,
            edited = current.Edited,
            version = issuer.ProfileId,
            updatedAt = current.UpdatedAt,
            mayEdit = IssuerEditing.MayEdit(Me, outcome.Module),
        });
    }
}
