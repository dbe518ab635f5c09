using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// The modules this host knows: the catalogue, and the ones enabled in it (all of the catalogue unless
/// Modules:Enabled lists some). Every lookup of a module by id goes through here, so each caller says which it
/// means: an enabled module (new work: issuing, sending, pages) or any catalogued one (what was issued or sent under a
/// module switched off later, which must still be shown, verified and printed).
/// </summary>
internal sealed class ModuleRegistry
{
    private const string NationalId = "national";

    private readonly Dictionary<string, ModuleManifest> _catalogued;
    private readonly Dictionary<string, ICampaignModule> _byId;

    public ModuleRegistry(IConfiguration configuration)
    {
        Catalogue = ModuleCatalog.All.Select(m => m.Manifest).ToList();
        _catalogued = Catalogue.ToDictionary(m => m.Id);
        var enabled = configuration.GetSection("Modules:Enabled").Get<string[]>();
        var unknown = enabled?.Where(id => !_catalogued.ContainsKey(id)).ToList();
        if (unknown is { Count: > 0 })
            throw new InvalidOperationException($"Modules:Enabled names unknown modules: {string.Join(", ", unknown)}");
        Enabled = ModuleCatalog.All
            .Where(m => enabled is null || enabled.Length == 0 || enabled.Contains(m.Manifest.Id))
            .ToList();
        _byId = Enabled.ToDictionary(m => m.Manifest.Id);
    }

    public IReadOnlyList<ICampaignModule> Enabled { get; }

    /// <summary>Every catalogued module, enabled here or not, in catalogue order.</summary>
    public IReadOnlyList<ModuleManifest> Catalogue { get; }

    /// <summary>The enabled module <paramref name="id"/>; null when it is unknown or switched off here.</summary>
    public ModuleManifest? Find(string? id) =>
        id is not null && _byId.TryGetValue(id, out var module) ? module.Manifest : null;

    /// <summary>The catalogued module <paramref name="id"/>, enabled or not; null only when the host has no such module.</summary>
    public ModuleManifest? Catalogued(string? id) =>
        id is not null && _catalogued.TryGetValue(id, out var module) ? module : null;

    /// <summary>The modules whose home regions include <paramref name="region"/> (the national one includes all).</summary>
    public IEnumerable<ModuleManifest> ForRegion(string region) =>
        Enabled.Select(m => m.Manifest).Where(m => m.Regions.Contains(region));

    /// <summary>
    /// The enabled module that speaks for people of a home region: the region's own module, else the national one
    /// (also for an unknown region); null when neither is enabled.
    /// </summary>
    public ModuleManifest? HomeOf(string? region) =>
        (region is null ? null : ForRegion(region).FirstOrDefault(m => m.Scope == ModuleScope.Regional)) ?? Find(NationalId);
}
