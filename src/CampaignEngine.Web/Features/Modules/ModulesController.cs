using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

[Route("modules"), Authorize(Policy = Roles.Staff)]
public sealed class ModulesController(ModuleRegistry modules) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(modules.Enabled.Select(m => m.Manifest).ToList());
}
