using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// MVC's API behaviour (answers to invalid input, binding sources inferred) applies to controllers marked
/// [ApiController], or to all of an assembly's when the assembly is marked. MVC's provider asks the assembly again for
/// each controller that is not marked itself, and so makes every one of the assembly's attributes anew each time: the
/// host's assembly has over a hundred (one per Razor view, each naming the view's type), some 10–15 ms of a cold start
/// on the thread that builds MVC's model (bench/, cold start). This asks each assembly once, and shows MVC's provider
/// only the controllers the behaviour applies to, which are the only ones it changes.
/// </summary>
internal sealed class ApiBehaviorForApiControllers(IApplicationModelProvider apiBehavior) : IApplicationModelProvider
{
    /// <summary>MVC's provider, internal to it, named as its assembly names it.</summary>
    internal const string MvcProvider = "Microsoft.AspNetCore.Mvc.ApplicationModels.ApiBehaviorApplicationModelProvider";

    public int Order => apiBehavior.Order;

    /// <summary>Puts this in front of MVC's provider; throws if MVC no longer registers one by that name.</summary>
    public static void Install(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IApplicationModelProvider) && d.ImplementationType?.FullName == MvcProvider);
        var mvcProvider = registered.ImplementationType!;
        // In its place: Replace would take the first of the providers, not this one.
        services[services.IndexOf(registered)] = ServiceDescriptor.Describe(typeof(IApplicationModelProvider),
            provider => new ApiBehaviorForApiControllers((IApplicationModelProvider)ActivatorUtilities.CreateInstance(provider, mvcProvider)),
            registered.Lifetime);
    }

    public void OnProvidersExecuting(ApplicationModelProviderContext context)
    {
        var controllers = context.Result.Controllers;
        var all = controllers.ToList();
        var assemblyWide = new Dictionary<Assembly, bool>();
        controllers.Clear();
        foreach (var controller in all.Where(c => IsApiController(c, assemblyWide))) controllers.Add(controller);
        try
        {
            apiBehavior.OnProvidersExecuting(context);
        }
        finally
        {
            controllers.Clear();
            foreach (var controller in all) controllers.Add(controller);
        }
    }

    public void OnProvidersExecuted(ApplicationModelProviderContext context) => apiBehavior.OnProvidersExecuted(context);

    /// <summary>MVC's own test, with each assembly asked once.</summary>
    private static bool IsApiController(ControllerModel controller, Dictionary<Assembly, bool> assemblyWide)
    {
        if (controller.Attributes.OfType<IApiBehaviorMetadata>().Any()) return true;
        var assembly = controller.ControllerType.Assembly;
        if (!assemblyWide.TryGetValue(assembly, out var marked))
            assemblyWide[assembly] = marked = assembly.GetCustomAttributes().OfType<IApiBehaviorMetadata>().Any();
        return marked;
    }
}
