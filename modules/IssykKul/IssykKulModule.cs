using CampaignEngine.Core.Modules;

namespace CampaignEngine.Modules.IssykKul;

/// <summary>Issyk-Kul natives cluster in the UAE, China and Belgium; lake and waste projects speak to them.</summary>
public sealed class IssykKulModule : ICampaignModule
{
    // The administration reported that recognised activists "worked twice as hard": propose a letter of
    // gratitude for every fulfilled contribution worth USD 500 or more.
    public void Configure(IModuleBuilder module) =>
        module.On(Nominations.WhenFulfilledAbove(module.Manifest.Id, module.Manifest.Regions, usd: 500m));
}
