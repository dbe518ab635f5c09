using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CampaignEngine.Web.Infrastructure.Health;

/// <summary>Ready when Hangfire's job store answers: without it nothing is launched, retried or scheduled.</summary>
internal sealed class JobStoreReady(JobStorage storage, ILogger<JobStoreReady> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = storage.GetConnection();
            // The smallest read every store answers: the recurring jobs' ids.
            connection.GetAllItemsFromSet("recurring-jobs");
            return Task.FromResult(HealthCheckResult.Healthy("reachable"));
        }
        catch (Exception ex) // any failure of a third-party store means "not ready": logged, never thrown at the probe
        {
            logger.LogError(ex, "The readiness check could not reach Hangfire's job store");
            return Task.FromResult(HealthCheckResult.Unhealthy("unreachable"));
        }
    }
}
