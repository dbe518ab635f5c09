using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.ModuleHost.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>
/// An installed module as the Modules page shows it, with its settings in force (null for a module that did not load) and
/// what the signed-in user may do with it: acting for it means starting its campaigns and editing its templates and settings.
/// </summary>
internal sealed record ModuleCard(ModuleStatus Status, bool MayCampaign, SettingValues? Settings);

[Route("modules"), Authorize(Policy = Roles.Staff)]
internal sealed class ModulesController(ModuleRegistry modules, ModuleSettingsStore settings) : Controller
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
            .Select(s => new ModuleCard(s, s.State == ModuleState.Loaded && scope.MayActFor(s.Manifest), s.Manifest is { } m ? settings.Of(m) : null))
            .ToList();
        return View(cards);
    }
}
