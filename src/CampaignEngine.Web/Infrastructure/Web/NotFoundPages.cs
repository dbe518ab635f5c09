using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// A page that finds nothing to show (an unknown or another region's campaign, a project or honour roll that is not
/// there) answers 404 with the "page not found" page, in the reader's language and with the staff menu for staff,
/// instead of an empty body the browser shows as a blank screen. One filter, so every <c>NotFound()</c> of every page
/// answers alike; the JSON API keeps its problem details.
/// </summary>
internal sealed class NotFoundPages : IAlwaysRunResultFilter
{
    public const string View = "~/Features/Shared/PageNotFound.cshtml";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        // NotFound() and StatusCode(404): bare statuses. A page or a problem that says more is left as it is.
        if (context.Result is not StatusCodeResult { StatusCode: StatusCodes.Status404NotFound }) return;
        if (JsonApiActions.Serves(context.ActionDescriptor)) return;
        context.Result = new ViewResult { ViewName = View, StatusCode = StatusCodes.Status404NotFound };
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
