using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>An installed module as the Modules page shows it, with what the signed-in user may do with it.</summary>
internal sealed record ModuleCard(ModuleStatus Status, bool MayCampaign);

[Route("modules"), Authorize(Policy = Roles.Staff)]
internal sealed class ModulesController(ModuleRegistry modules) : Controller
{
    [HttpGet("")]
    public IActionResult Index()
    {
        // Acting for a module decides both starting its campaigns and editing its templates (TemplateEditor); only a
        // module that runs here can be acted for. Running ones come first, in the order every page lists them.
        var scope = AccessScope.Of(HttpContext.CurrentUser());
        var order = modules.Catalogue.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var cards = modules.Statuses()
            .OrderBy(s => s.State)
            .ThenBy(s => s.Manifest is { } m ? order[m.Id] : int.MaxValue)
            .ThenBy(s => s.Source.Folder, StringComparer.Ordinal)
            .Select(s => new ModuleCard(s, s.State == ModuleState.Loaded && scope.MayActFor(s.Manifest)))
            .ToList();
        return View(cards);
    }
}
