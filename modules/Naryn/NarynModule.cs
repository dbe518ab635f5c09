using CampaignEngine.Core.Modules;

namespace CampaignEngine.Modules.Naryn;

/// <summary>Naryn natives concentrate in Germany and Qatar; schools and rural roads are their home projects.</summary>
public sealed class NarynModule : ICampaignModule
{
    // Naryn's governor named fund founders honorary citizens: large fulfilled gifts are proposed for that title.
    public void Configure(IModuleBuilder module) =>
        module.On(Nominations.WhenFulfilledAbove(module.Manifest.Id, module.Manifest.Regions, usd: 5000m, kind: "honorary_citizen"));
}
