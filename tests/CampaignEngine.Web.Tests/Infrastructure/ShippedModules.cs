using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost;
using Microsoft.Extensions.Configuration;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>The modules the build ships beside the binaries (modules/), loaded as a host with default settings loads them.</summary>
internal static class ShippedModules
{
    public static ModuleRegistry Registry { get; } = new(new ConfigurationBuilder().Build());

    public static IReadOnlyList<ModuleManifest> All => Registry.Catalogue;

    public static ModuleManifest Manifest(string id) => Registry.Catalogued(id) ?? throw new InvalidOperationException($"no shipped module '{id}'");
}
