using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

[Route("api/modules")]
internal sealed class ModulesApiController(ModuleRegistry modules) : ApiControllerBase
{
    [HttpGet]
    public IEnumerable<object> List() => modules.Enabled.Select(m => m.Manifest).Select(m => new
    {
        id = m.Id,
        name = m.Name,
        scope = m.Scope.ToString().ToLowerInvariant(),
        regions = m.Regions,
        countries = m.Countries,
        languages = m.Languages,
        templates = m.Templates,
        sectors = m.Sectors,
        issuer = new
        {
            name = m.Issuer.Name,
            signatoryTitle = m.Issuer.SignatoryTitle,
            signatoryName = m.Issuer.SignatoryName,
            serialPrefix = m.Issuer.SerialPrefix,
        },
    });
}
