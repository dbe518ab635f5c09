using System.Reflection;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// The host finds its controllers from the assemblies' metadata, loading only the types that could be controllers,
/// and finds exactly those MVC's discovery finds by loading every type (bench/, cold start).
/// </summary>
public sealed class ControllerDiscoveryTests
{
    [Fact]
    public void The_controllers_found_from_the_metadata_are_those_a_look_at_every_type_finds()
    {
        using var host = new TestHost();
        var parts = host.Services.GetRequiredService<ApplicationPartManager>();
        var found = new ControllerFeature();
        parts.PopulateFeature(found);

        var everyType = parts.ApplicationParts.OfType<IApplicationPartTypeProvider>()
            .SelectMany(part => part.Types).Where(InternalControllers.IsController).Distinct().ToList();
        Assert.True(everyType.Count > 40, $"only {everyType.Count} controllers");
        Assert.Equal(everyType.Select(Name).Order(), found.Controllers.Select(Name).Order());
    }

    [Fact]
    public void Discovery_loads_the_types_named_like_controllers_not_every_type_of_the_host()
    {
        var host = typeof(CampaignHost).Assembly;

        var candidates = InternalControllers.Candidates(host);

        Assert.NotNull(candidates);
        var controllers = candidates.Count(InternalControllers.IsController);
        // The few others are named like controllers or carry an attribute of the host's own, and are no controllers.
        Assert.InRange(candidates.Count, controllers, controllers + 30);
        Assert.True(host.DefinedTypes.Count() > 20 * candidates.Count, "the host should have far more types than candidates");
    }

    private static string Name(TypeInfo type) => type.FullName!;
}
