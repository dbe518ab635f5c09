using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Auth;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Antiforgery;

namespace CampaignEngine.Web.Features.Operations;

/// <summary>
/// Hangfire's own gate of its dashboard, on the product's sign-in: admins only. The route's policy already refuses
/// everyone else; this keeps the dashboard closed even if it were mapped without one (its default lets in any local
/// request). It is also the one place every dashboard request passes, so an admin's command there (retry, delete,
/// trigger: the dashboard's POSTs) is audited here as <c>jobs.command</c>, with the command and the jobs it names. The
/// anti-forgery token is checked first (Hangfire checks it only after this gate), so a forged command is refused
/// and never recorded as done.
/// </summary>
internal sealed class AdminsOnlyDashboard(AuditLog audit, IAntiforgery antiforgery) : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (!http.User.IsInRole(Roles.Admin)) return false;
        if (!HttpMethods.IsPost(http.Request.Method)) return true;
        if (!await antiforgery.IsRequestValidAsync(http)) return false;
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        audit.Record(http.CurrentUser(), "jobs.command", context.Request.Path, new { jobs = form?["jobs[]"].ToArray() ?? [] });
        return true;
    }
}
