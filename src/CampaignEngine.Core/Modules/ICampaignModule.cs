namespace CampaignEngine.Core.Modules;

/// <summary>
/// A regional campaign module: mostly data (who it targets, who issues its certificates, which
/// templates it ships) plus optional behaviour registered in <see cref="Configure"/>.
/// Modules reference Core only and never each other.
/// </summary>
public interface ICampaignModule
{
    /// <summary>What the module is and whom it targets.</summary>
    ModuleManifest Manifest { get; }

    /// <summary>Registers optional behaviour, such as handlers for domain events.</summary>
    void Configure(IModuleBuilder module) { }
}
