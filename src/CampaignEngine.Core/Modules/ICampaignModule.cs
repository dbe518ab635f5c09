namespace CampaignEngine.Core.Modules;

/// <summary>
/// The behaviour of a code module: a class library under <c>modules/&lt;Name&gt;/</c> beside its <c>module.json</c>,
/// which says what the module is (the host reads it; the class does not repeat it). The library references Core only
/// and never another module; the host finds its one public implementation of this interface.
/// </summary>
public interface ICampaignModule
{
    /// <summary>Registers the module's behaviour, such as handlers for domain events.</summary>
    void Configure(IModuleBuilder module);
}
