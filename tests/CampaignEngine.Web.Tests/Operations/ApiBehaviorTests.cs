using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// MVC's API behaviour, shown only the controllers it applies to (bench/, cold start), makes every action exactly as
/// MVC's provider does when it looks at every controller itself.
/// </summary>
public sealed class ApiBehaviorTests
{
    [Fact]
    public void Every_action_is_built_as_mvcs_own_api_behaviour_builds_it()
    {
        using var host = new TestHost();
        using var mvcAlone = new TestHost
        {
            Customize = builder => builder.ConfigureServices(services =>
            {
                var wrapped = services.Single(d => d.ServiceType == typeof(IApplicationModelProvider) && d.ImplementationFactory is not null
                    && d.ImplementationFactory.Method.DeclaringType?.DeclaringType == typeof(ApiBehaviorForApiControllers));
                services.Remove(wrapped);
                var mvcProvider = typeof(IApplicationModelProvider).Assembly.GetType(ApiBehaviorForApiControllers.MvcProvider, throwOnError: true)!;
                services.TryAddEnumerable(ServiceDescriptor.Describe(typeof(IApplicationModelProvider), mvcProvider, wrapped.Lifetime));
            }),
        };

        var actions = Described(host);
        Assert.True(actions.Count(a => a.Contains("RFC 9457", StringComparison.Ordinal)) > 20, "API controllers' actions should answer invalid input themselves");
        Assert.Equal(Described(mvcAlone), actions);
    }

    [Fact]
    public void It_stands_in_front_of_mvcs_provider_once()
    {
        using var host = new TestHost();

        var providers = host.Services.GetServices<IApplicationModelProvider>().ToList();

        Assert.Single(providers.OfType<ApiBehaviorForApiControllers>());
        Assert.DoesNotContain(providers, p => p.GetType().FullName == ApiBehaviorForApiControllers.MvcProvider);
    }

    /// <summary>Each action with what MVC's API behaviour may change: its filters, its parameters' binding sources and its metadata.</summary>
    private static List<string> Described(TestHost host) =>
        host.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .Select(Describe).Order(StringComparer.Ordinal).ToList();

    private static string Describe(ActionDescriptor action)
    {
        var filters = string.Join(",", action.FilterDescriptors.Select(f => $"{f.Filter.GetType().Name}@{f.Order}/{f.Scope}"));
        var parameters = string.Join(",", action.Parameters.Select(p => $"{p.Name}:{p.BindingInfo?.BindingSource?.Id}"));
        var metadata = string.Join(",", action.EndpointMetadata.Select(m => m.GetType().Name));
        var answersInvalidInput = action.FilterDescriptors.Any(f => f.Filter.GetType().Name == "ModelStateInvalidFilterFactory") ? " RFC 9457" : "";
        return $"{action.DisplayName} [{action.AttributeRouteInfo?.Template}] filters {filters}; parameters {parameters}; metadata {metadata}{answersInvalidInput}";
    }
}
