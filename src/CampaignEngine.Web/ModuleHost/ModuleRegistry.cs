using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>The modules enabled in this host (all of the catalog unless Modules:Enabled lists some).</summary>
public sealed class ModuleRegistry
{
    private readonly Dictionary<string, ICampaignModule> _byId;

    public ModuleRegistry(IConfiguration configuration)
    {
        var enabled = configuration.GetSection("Modules:Enabled").Get<string[]>();
        var unknown = enabled?.Where(id => ModuleCatalog.All.All(m => m.Manifest.Id != id)).ToList();
        if (unknown is { Count: > 0 })
            throw new InvalidOperationException($"Modules:Enabled names unknown modules: {string.Join(", ", unknown)}");
        Enabled = ModuleCatalog.All
            .Where(m => enabled is null || enabled.Length == 0 || enabled.Contains(m.Manifest.Id))
            .ToList();
        _byId = Enabled.ToDictionary(m => m.Manifest.Id);
    }

    public IReadOnlyList<ICampaignModule> Enabled { get; }

    public ModuleManifest? Find(string? id) =>
        id is not null && _byId.TryGetValue(id, out var module) ? module.Manifest : null;

    /// <summary>The modules whose home regions include <paramref name="region"/> (the national one includes all).</summary>
    public IEnumerable<ModuleManifest> ForRegion(string region) =>
        Enabled.Select(m => m.Manifest).Where(m => m.Regions.Contains(region));
}
