using CampaignEngine.Web.Features.Auth;
using Hangfire.Dashboard;

namespace CampaignEngine.Web.Features.Operations;

/// <summary>
/// Hangfire's own gate of its dashboard, on the product's sign-in: admins only. The route's policy already refuses
/// everyone else; this keeps the dashboard closed even if it were mapped without one (its default lets in any local request).
/// </summary>
internal sealed class AdminsOnlyDashboard : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
