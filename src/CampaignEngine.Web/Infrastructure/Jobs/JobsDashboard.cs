using Hangfire;

namespace CampaignEngine.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire's dashboard, put together at its first request instead of when the host is built. Hangfire's own
/// <c>MapHangfireDashboard</c> needs the job store at once, and opening it (a SQLite connection and a check of its
/// schema) plus the dashboard's routes took a third of a second of a cold start on the thread that builds the host;
/// an operator opening /jobs waits for it once instead (bench/, cold start).
/// </summary>
internal static class JobsDashboard
{
    public static IEndpointConventionBuilder MapJobsDashboard(this WebApplication app, string path, DashboardOptions options)
    {
        var branch = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        var dashboard = new Lazy<RequestDelegate>(() =>
            branch.UseHangfireDashboard(path, options, branch.ApplicationServices.GetRequiredService<JobStorage>()).Build(),
            // Not ExecutionAndPublication: it would keep a failure to open the store and answer it for ever after.
            LazyThreadSafetyMode.PublicationOnly);
        return app.Map(path + "/{**rest}", context => dashboard.Value(context));
    }
}
