using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Auth;
using Hangfire.Dashboard;

namespace CampaignEngine.Web.Features.Operations;

/// <summary>
/// Hangfire's own gate of its dashboard, on the product's sign-in: admins only. The route's policy already refuses
/// everyone else; this keeps the dashboard closed even if it were mapped without one (its default lets in any local
/// request). It is also the one place every dashboard request passes, so an admin's command there (retry, delete,
/// trigger a recurring job: the dashboard's POSTs) is audited here, as <c>jobs.command</c> with the command's path.
/// </summary>
internal sealed class AdminsOnlyDashboard(AuditLog audit) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (!http.User.IsInRole(Roles.Admin)) return false;
        if (HttpMethods.IsPost(http.Request.Method)) audit.Record(http.CurrentUser(), "jobs.command", http.Request.Path.Value);
        return true;
    }
}
