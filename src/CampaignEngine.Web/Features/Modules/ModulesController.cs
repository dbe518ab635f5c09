using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>A module as the Modules page shows it, with what the signed-in user may do with it.</summary>
internal sealed record ModuleCard(ModuleManifest Manifest, bool MayCampaign);

[Route("modules"), Authorize(Policy = Roles.Staff)]
internal sealed class ModulesController(ModuleRegistry modules) : Controller
{
    [HttpGet("")]
    public IActionResult Index()
    {
        // Acting for a module decides both starting its campaigns and editing its templates (TemplateEditor).
        var scope = AccessScope.Of(HttpContext.CurrentUser());
        return View(modules.Enabled.Select(m => new ModuleCard(m.Manifest, scope.MayActFor(m.Manifest))).ToList());
    }
}
