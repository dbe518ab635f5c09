using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost;
using Microsoft.Extensions.Configuration;

namespace CampaignEngine.Modules.Tests;

/// <summary>The modules as committed: the repository's modules/ folder loaded as a host loads its modules directory.</summary>
internal static class RepositoryModules
{
    public static ModuleRegistry Registry { get; } = new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Modules:Path"] = RepositoryPaths.Modules,
        ["Templates:Path"] = RepositoryPaths.Templates,
    }).Build());

    public static IReadOnlyList<ModuleManifest> All => Registry.Catalogue;

    public static ModuleManifest Manifest(string id) => Registry.Catalogued(id) ?? throw new InvalidOperationException($"no module '{id}' in modules/");
}
