using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Every action that answers GET answers HEAD too, as HTTP expects of a server (RFC 9110 §9.3.2): the same status and
/// headers, no body (Kestrel drops it). MVC's <c>[HttpGet]</c> takes GET alone, so a link checker, a mail scanner or a
/// fetcher that asks HEAD first heard "method not allowed", which the fallback policy turned into the staff sign-in, for
/// a certificate's verify page, an appeal, or an address nothing answers. The JSON API is left to GET. A HEAD is nobody's visit:
/// <see cref="LinkPreviewers"/> counts it as no click and shows it nothing of the person.
/// </summary>
internal sealed class HeadWhereGet : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        // The JSON API is read by programs that ask GET, and its description would list every call twice.
        if (JsonApiActions.Serves(action.Controller)) return;
        foreach (var selector in action.Selectors)
        {
            if (selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault() is not { } constraint) continue;
            if (!TakesGetButNotHead(constraint.HttpMethods)) continue;
            var methods = constraint.HttpMethods.Append(HttpMethods.Head).ToArray();
            selector.ActionConstraints[selector.ActionConstraints.IndexOf(constraint)] = new HttpMethodActionConstraint(methods);
            if (selector.EndpointMetadata.OfType<HttpMethodMetadata>().FirstOrDefault() is { } metadata)
                selector.EndpointMetadata[selector.EndpointMetadata.IndexOf(metadata)] = new HttpMethodMetadata(methods, metadata.AcceptCorsPreflight);
        }
    }

    private static bool TakesGetButNotHead(IEnumerable<string> methods) =>
        methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase) && !methods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase);
}
