using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Whether an action belongs to the JSON API (its controller is an <c>[ApiController]</c>) rather than to the pages:
/// the one test the conventions and filters that treat the two differently share.
/// </summary>
internal static class JsonApiActions
{
    public static bool Serves(ActionDescriptor action) => action.EndpointMetadata.OfType<IApiBehaviorMetadata>().Any();

    public static bool Serves(ControllerModel controller) => controller.Attributes.OfType<IApiBehaviorMetadata>().Any();
}
