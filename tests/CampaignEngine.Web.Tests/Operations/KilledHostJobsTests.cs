using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Features.Sending;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// What a host killed with SIGKILL leaves in Hangfire's store on PostgreSQL, and how soon the other hosts go on: a lock
/// row (its schedule poller takes one every second), which must not hold every scheduled job for the store's default
/// 10 minutes, and the jobs it had fetched, which must not wait the default 30 minutes to run elsewhere.
/// </summary>
public sealed class KilledHostJobsTests : IDisposable
{
    // Invisible for 10 s instead of the product's 2 minutes, so that a test can outlast it.
    private readonly TestHost _host = new(demo: false, engine: TestHost.PostgreSql)
    {
        Settings = { ["Jobs:Storage"] = "durable", ["Jobs:InvisibilitySeconds"] = "10" },
    };

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

    [SkippableFact]
    public async Task A_job_a_killed_host_had_fetched_runs_on_another_host_once_its_fetch_is_no_longer_renewed()
    {
        var jobs = _host.Services.GetRequiredService<IBackgroundJobClient>();
        // Made as scheduled for later, so that no worker here takes it before it is the killed host's.
        var job = jobs.Schedule<Dispatcher>(d => d.SweepAsync(CancellationToken.None), TimeSpan.FromHours(1));
        using (var connection = _host.OpenDatabase())
        {
            // The killed host fetched it 20 s ago and moved it to Processing; it renews that fetch no more.
            connection.Execute("""
                UPDATE hangfire.job SET statename = 'Processing' WHERE id = @id;
                INSERT INTO hangfire.jobqueue (jobid, queue, fetchedat) VALUES (@id, 'default', now() - interval '20 seconds');
                """, new { id = long.Parse(job, System.Globalization.CultureInfo.InvariantCulture) });
        }

        var monitoring = _host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.True(() => Task.FromResult(monitoring.JobDetails(job).History.Any(h => h.StateName == "Succeeded")), seconds: 30);
    }

    [SkippableFact]
    public async Task A_job_that_outlasts_the_invisibility_on_a_live_host_runs_once()
    {
        var key = Guid.NewGuid().ToString("N");
        var job = _host.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => SlowJob.Run(key, 25));

        var monitoring = _host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.True(() => Task.FromResult(monitoring.JobDetails(job).History.Any(h => h.StateName == "Succeeded")), seconds: 60);
        Assert.Equal(1, SlowJob.Starts(key));
    }

    public void Dispose() => _host.Dispose();
}

/// <summary>A job that runs longer than the invisibility timeout of <see cref="KilledHostJobsTests"/>, counting its starts.</summary>
public static class SlowJob
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Started = new(StringComparer.Ordinal);

    public static int Starts(string key) => Started.GetValueOrDefault(key);

    public static void Run(string key, int seconds)
    {
        Started.AddOrUpdate(key, 1, (_, count) => count + 1);
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
    }
}
