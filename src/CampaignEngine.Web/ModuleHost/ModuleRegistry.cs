using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// The modules this host knows: those installed under <c>Modules:Path</c> that loaded (the catalogue), and the ones
/// enabled among them (all unless Modules:Enabled lists some). A module that failed to load is listed with its reasons
/// (<see cref="Installed"/>) and logged, never fatal. Every lookup of a module by id goes through here, so each caller
/// says which it means: an enabled module (new work: issuing, sending, pages) or any catalogued one (what was issued or
/// sent under a module switched off later, which must still be shown, verified and printed).
/// </summary>
internal sealed class ModuleRegistry : IModuleTemplateFolders
{
    private readonly Dictionary<string, LoadedModule> _catalogued;
    private readonly Dictionary<string, LoadedModule> _byId;

    public ModuleRegistry(IConfiguration configuration, ILogger<ModuleRegistry>? logger = null)
    {
        logger ??= NullLogger<ModuleRegistry>.Instance;
        var options = configuration.GetSection("Modules").Get<ModuleOptions>() ?? new ModuleOptions();
        var templates = configuration.GetSection("Templates").Get<TemplateOptions>() ?? new TemplateOptions();
        Installed = ModuleLoader.Load(Path.GetFullPath(options.Path), Path.Combine(Path.GetFullPath(templates.Path), TemplateStore.SharedFolder), CodeModules.Declared);
        foreach (var failed in Installed.Where(m => m.Module is null))
            logger.LogWarning("Module folder {Folder} failed to load and does not run: {Reasons}", failed.Source.Folder, string.Join("; ", failed.Errors));
        var loaded = ModuleLoader.InPageOrder(Installed).ToList();
        Catalogue = loaded.Select(m => m.Manifest).ToList();
        _catalogued = loaded.ToDictionary(m => m.Manifest.Id, StringComparer.Ordinal);
        var unknown = options.Enabled.Where(id => !_catalogued.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
            logger.LogWarning("Modules:Enabled names modules that are not loaded here: {Modules}", string.Join(", ", unknown));
        Enabled = loaded.Where(m => options.Enabled.Length == 0 || options.Enabled.Contains(m.Manifest.Id)).ToList();
        _byId = Enabled.ToDictionary(m => m.Manifest.Id, StringComparer.Ordinal);
    }

    /// <summary>Every folder of the modules directory as loaded, failed ones with their reasons, in folder order.</summary>
    public IReadOnlyList<InstalledModule> Installed { get; }

    public IReadOnlyList<LoadedModule> Enabled { get; }

    /// <summary>Every loaded module, enabled here or not, in page order.</summary>
    public IReadOnlyList<ModuleManifest> Catalogue { get; }

    /// <summary>Each installed module with its state, for the Modules page and <c>GET /api/modules</c>.</summary>
    public IEnumerable<ModuleStatus> Statuses() => Installed.Select(m => new ModuleStatus(m.Source,
        m.Module is null ? ModuleState.Failed : _byId.ContainsKey(m.Module.Manifest.Id) ? ModuleState.Loaded : ModuleState.Disabled,
        m.Module?.Manifest, m.Errors));

    /// <summary>The enabled module <paramref name="id"/>; null when it is unknown or switched off here.</summary>
    public ModuleManifest? Find(string? id) =>
        id is not null && _byId.TryGetValue(id, out var module) ? module.Manifest : null;

    /// <summary>The catalogued module <paramref name="id"/>, enabled or not; null only when the host has no such module.</summary>
    public ModuleManifest? Catalogued(string? id) =>
        id is not null && _catalogued.TryGetValue(id, out var module) ? module.Manifest : null;

    /// <summary>The modules whose home regions include <paramref name="region"/> (the national one includes all).</summary>
    public IEnumerable<ModuleManifest> ForRegion(string region) =>
        Enabled.Select(m => m.Manifest).Where(m => m.Regions.Contains(region));

    /// <summary>
    /// The enabled module that speaks for people of a home region: the region's own module, else the one whose
    /// manifest says it is national (also for an unknown region); null when neither is enabled. There is at most one
    /// of each: <see cref="ModuleLoader"/> refuses a second module for a region and a second national one.
    /// </summary>
    public ModuleManifest? HomeOf(string? region) =>
        (region is null ? null : ForRegion(region).FirstOrDefault(m => m.Scope == ModuleScope.Regional))
        ?? Enabled.Select(m => m.Manifest).FirstOrDefault(m => m.Scope == ModuleScope.National);

    /// <summary>A catalogued module's own templates folder (a module switched off still prints what it issued).</summary>
    public string? TemplatesOf(string moduleId) =>
        _catalogued.TryGetValue(moduleId, out var module) ? module.Source.TemplatesPath : null;
}
