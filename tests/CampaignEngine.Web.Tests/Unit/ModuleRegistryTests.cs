using CampaignEngine.Web.ModuleHost;
using Microsoft.Extensions.Configuration;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>The one place a module is looked up by id: enabled for new work, catalogued for what was done before.</summary>
public sealed class ModuleRegistryTests
{
    private static ModuleRegistry Enabling(params string[] ids) =>
        new(new ConfigurationBuilder()
            .AddInMemoryCollection(ids.Select((id, i) => new KeyValuePair<string, string?>($"Modules:Enabled:{i}", id)))
            .Build());

    [Fact]
    public void A_module_switched_off_here_is_not_found_but_is_still_catalogued()
    {
        var registry = Enabling("issyk-kul");

        Assert.Null(registry.Find("naryn"));
        Assert.Equal("naryn", registry.Catalogued("naryn")?.Id);
        Assert.Equal("issyk-kul", registry.Find("issyk-kul")?.Id);
        Assert.Null(registry.Catalogued("atlantis"));
        Assert.Null(registry.Catalogued(null));
        Assert.Equal(["batken", "bishkek", "chui", "issyk-kul", "jalal-abad", "naryn", "osh", "osh-city", "talas", "national"], registry.Catalogue.Select(m => m.Id));
    }

    [Fact]
    public void A_home_region_is_spoken_for_by_its_own_enabled_module_else_the_national_one()
    {
        var everything = Enabling();
        var withoutNaryn = Enabling("issyk-kul", "national");
        var regionalOnly = Enabling("issyk-kul");

        Assert.Equal("naryn", everything.HomeOf("KG-N")?.Id);
        Assert.Equal("national", withoutNaryn.HomeOf("KG-N")?.Id);
        Assert.Equal("national", withoutNaryn.HomeOf(null)?.Id);
        Assert.Equal("national", everything.HomeOf("KG-Z")?.Id);
        Assert.Equal(["issyk-kul", "naryn", "talas", "batken", "jalal-abad", "osh", "chui", "bishkek", "osh-city"],
            CampaignEngine.Core.Reference.Regions.All.Select(r => everything.HomeOf(r.Code)?.Id));
        Assert.Equal("issyk-kul", regionalOnly.HomeOf("KG-Y")?.Id);
        Assert.Null(regionalOnly.HomeOf("KG-N"));
    }
}
