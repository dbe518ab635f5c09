using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Controllers are internal like every other type of the host: nothing outside it calls them, and a public controller
/// would force every service its constructor takes to be public too. MVC's own discovery takes public classes only, so
/// this one accepts internal ones and otherwise keeps MVC's rule: a concrete class named "…Controller" or marked
/// [Controller], and not [NonController].
/// </summary>
internal sealed class InternalControllers : ControllerFeatureProvider
{
    protected override bool IsController(TypeInfo typeInfo) =>
        typeInfo.IsClass && !typeInfo.IsAbstract && !typeInfo.ContainsGenericParameters
        && !typeInfo.IsDefined(typeof(NonControllerAttribute))
        && (typeInfo.Name.EndsWith("Controller", StringComparison.OrdinalIgnoreCase) || typeInfo.IsDefined(typeof(ControllerAttribute)));
}
