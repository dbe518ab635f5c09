using CampaignEngine.Core.Modules;
using CampaignEngine.Modules.Batken;
using CampaignEngine.Modules.IssykKul;
using CampaignEngine.Modules.JalalAbad;
using CampaignEngine.Modules.Naryn;
using CampaignEngine.Modules.National;
using CampaignEngine.Modules.Talas;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// Every module the host knows, one line each. Adding a module means adding its project reference
/// and one line here; configuration (Modules:Enabled) decides which of them run. A test fails when a
/// folder under modules/ is missing from this list.
/// </summary>
internal static class ModuleCatalog
{
    public static IReadOnlyList<ICampaignModule> All { get; } =
    [
        new IssykKulModule(),
        new NarynModule(),
        new TalasModule(),
        new BatkenModule(),
        new JalalAbadModule(),
        new NationalModule(),
    ];
}
