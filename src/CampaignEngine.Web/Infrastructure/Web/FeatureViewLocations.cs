using Microsoft.AspNetCore.Mvc.Razor;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Views live beside their controller in the feature folder (<c>Features/Campaigns/Views/Index.cshtml</c>),
/// not in a separate Views tree, so one feature is one folder.
/// </summary>
internal sealed class FeatureViewLocations : IViewLocationExpander
{
    public void PopulateValues(ViewLocationExpanderContext context) { }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var feature = context.ActionContext.ActionDescriptor is Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor action
            ? action.ControllerTypeInfo.Namespace?.Split('.').SkipWhile(p => p != "Features").Skip(1).FirstOrDefault()
            : null;
        if (feature is not null) yield return $"/Features/{feature}/Views/{{0}}.cshtml";
        yield return "/Features/Shared/{0}.cshtml";
    }
}
