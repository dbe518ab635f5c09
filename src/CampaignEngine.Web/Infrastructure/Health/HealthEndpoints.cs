using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CampaignEngine.Web.Infrastructure.Health;

/// <summary>
/// Health split as a load balancer and an orchestrator ask it: <c>/health/live</c> says the process answers (restart it
/// when not), <c>/health/ready</c> says it can serve (send it traffic when so): the database answers and every
/// migration this build carries is applied, and Hangfire's job store answers. <c>/health</c> stays as it always was,
/// the liveness answer. All anonymous: a probe carries no credentials, and the answers name no data.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddProductHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: [Ready])
            .AddCheck<JobStoreReady>("jobs", tags: [Ready]);
        return services;
    }

    public static WebApplication MapProductHealth(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false };
        app.MapHealthChecks("/health", live).AllowAnonymous();
        app.MapHealthChecks("/health/live", live).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync })
            .AllowAnonymous();
        return app;
    }

    /// <summary><c>{ status, checks: { database: { status, description }, jobs: … } }</c>: which part is not ready, never an exception's text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
