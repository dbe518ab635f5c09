using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CampaignEngine.Web.Infrastructure.Health;

/// <summary>Ready when the database answers a query and has applied every migration this build carries.</summary>
internal sealed class DatabaseReady(Db db, Migrator migrator, ILogger<DatabaseReady> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using (var connection = db.Open()) connection.ExecuteScalar<long>("SELECT 1");
            var pending = migrator.Pending();
            return Task.FromResult(pending.Count == 0
                ? HealthCheckResult.Healthy("reachable, migrations done")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations not applied"));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException or NotSupportedException)
        {
            logger.LogError(ex, "The readiness check could not reach the database");
            return Task.FromResult(HealthCheckResult.Unhealthy("unreachable"));
        }
    }
}
