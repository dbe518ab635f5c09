using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// Hangfire's locks on PostgreSQL are rows, and a host killed while it held one (its schedule poller takes one every
/// second) leaves the row behind. The other hosts must not wait the store's default 10 minutes for it: a scheduled
/// launch then started 10 minutes late everywhere.
/// </summary>
public sealed class AbandonedJobLockTests : IDisposable
{
    private readonly TestHost _host = new(demo: false, engine: TestHost.PostgreSql) { Settings = { ["Jobs:Storage"] = "durable" } };

    [SkippableFact]
    public async Task A_scheduled_launch_runs_although_a_killed_host_left_the_schedule_pollers_lock_behind()
    {
        var admin = _host.AdminClient();
        TestCompatriots.Insert(_host, new TestCompatriot("Айгүл", "female", "KG-Y", "AE", Email: "aigul@example.kg", Channels: "email"));
        var campaign = (long)(await admin.PostJson("/api/campaigns",
            new { moduleId = "issyk-kul", name = "Later", channels = new[] { "email" }, window = new { from = "00:00", to = "24:00" } }, HttpStatusCode.Created))["id"]!;

        // The lock as a host killed two minutes ago left it: taken through Hangfire, never released, and that old.
        using var storage = _host.Services.GetRequiredService<JobStorage>().GetConnection();
        _ = storage.AcquireDistributedLock("locks:schedulepoller", TimeSpan.FromSeconds(30));
        using (var connection = _host.OpenDatabase())
            Assert.Equal(1, connection.Execute("UPDATE hangfire.lock SET acquired = acquired - interval '2 minutes' WHERE resource LIKE '%schedulepoller'"));

        await admin.PostJson($"/api/campaigns/{campaign}/launch", new { at = DateTimeOffset.UtcNow.AddSeconds(2) }, HttpStatusCode.Accepted);

        // Hangfire's own record of the launch, not the campaign's state: the minutely dispatch sweep would start the
        // campaign anyway, but every other scheduled job (Hangfire's retries among them) waited for the lock.
        var monitoring = _host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var job = Assert.Single(monitoring.ScheduledJobs(0, 10), j => j.Value.Job.Method.Name == "DispatchCampaignAsync").Key;
        await Eventually.True(() => Task.FromResult(monitoring.JobDetails(job).History.Any(h => h.StateName == "Succeeded")), seconds: 30);
        await Eventually.True(async () => (string)(await admin.GetJson($"/api/campaigns/{campaign}"))["status"]! == "completed", seconds: 30);
    }

    public void Dispose() => _host.Dispose();
}
