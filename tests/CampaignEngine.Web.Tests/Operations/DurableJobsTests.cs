using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Operations;

public sealed class DurableJobsTestsOnSqlite() : DurableJobsTests(TestHost.Sqlite);

public sealed class DurableJobsTestsOnPostgreSql() : DurableJobsTests(TestHost.PostgreSql);

/// <summary>
/// Hangfire's jobs are durable on either engine: on SQLite in their own file beside the database (jobs.db), on
/// PostgreSQL in the product's database (schema hangfire). A host that stops and a new one on the same database share them. What is checked is Hangfire's own record (the same job id, its history), which an in-memory
/// store loses at every restart; the ledger's recovery at start would hide that loss.
/// </summary>
public abstract class DurableJobsTests(string engine) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ce-jobs").FullName;

    private string DatabasePath => Path.Combine(_folder, "campaign-engine.db");

    /// <summary>On PostgreSQL, the database of the first host, which the next host takes over (and drops when done).</summary>
    private string? _postgres;

    private TestHost Host()
    {
        var host = new TestHost(demo: false, engine: engine, database: _postgres)
        {
            KeepsDatabase = _postgres is null && engine == TestHost.PostgreSql,
            Settings = { ["Database:Path"] = DatabasePath, ["Jobs:Storage"] = "durable" },
        };
        _postgres ??= host.ConnectionString;
        return host;
    }

    [SkippableFact]
    public async Task A_launch_scheduled_for_later_survives_a_host_restart_in_hangfire_and_runs_after_it()
    {
        string job;
        long campaign;
        using (var first = Host())
        {
            var admin = first.AdminClient();
            // On SQLite both hosts share the folder's database, not the first host's own file.
            TestCompatriot aigul = new("Айгүл", "female", "KG-Y", "AE", Email: "aigul@example.kg", Channels: "email");
            if (engine == TestHost.Sqlite) TestCompatriots.Insert(DatabasePath, aigul);
            else TestCompatriots.Insert(first, aigul);
            campaign = (long)(await admin.PostJson("/api/campaigns",
                new { moduleId = "issyk-kul", name = "Later", channels = new[] { "email" }, window = new { from = "00:00", to = "24:00" } }, HttpStatusCode.Created))["id"]!;
            await admin.PostJson($"/api/campaigns/{campaign}/launch", new { at = DateTimeOffset.UtcNow.AddSeconds(8) }, HttpStatusCode.Accepted);
            var scheduled = Storage(first).GetMonitoringApi().ScheduledJobs(0, 10);
            job = Assert.Single(scheduled, j => j.Value.Job.Method.Name == "DispatchCampaignAsync").Key;
            if (engine == TestHost.Sqlite) Assert.True(File.Exists(Path.Combine(_folder, "jobs.db")));
            else Assert.Equal(1L, TestCompatriots.Scalar(first, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'hangfire'"));
        }

        using var second = Host();
        var api = second.AdminClient();
        // The new host's store knows the job the first one scheduled, by its id, and runs it when it comes due.
        Assert.NotNull(Storage(second).GetMonitoringApi().JobDetails(job));
        await Eventually.True(() => Task.FromResult(
            Storage(second).GetMonitoringApi().JobDetails(job).History.Any(h => h.StateName == "Succeeded")), seconds: 60);
        await Eventually.True(async () => (string)(await api.GetJson($"/api/campaigns/{campaign}"))["status"]! == "completed", seconds: 60);
        Assert.Equal(1L, (long)(await api.GetJson($"/api/campaigns/{campaign}"))["counts"]!["sent"]!);
    }

    [SkippableFact]
    public void Recurring_jobs_are_registered_once_across_restarts_and_keep_their_record()
    {
        List<RecurringJobDto> before;
        using (var first = Host())
        {
            _ = first.Server;
            before = Recurring(first);
        }
        using var second = Host();
        _ = second.Server;
        var after = Recurring(second);

        Assert.Contains(before, j => j.Id == "dispatch-sweep");
        Assert.Equal(before.Select(j => j.Id).Order(), after.Select(j => j.Id).Order());
        Assert.Equal(after.Count, after.DistinctBy(j => j.Id).Count());
        // The same registrations, not new ones: made when the first host started.
        foreach (var job in after) Assert.Equal(before.Single(j => j.Id == job.Id).CreatedAt, job.CreatedAt);
    }

    [SkippableFact]
    public async Task A_host_starts_although_a_killed_host_left_a_recurring_jobs_lock_behind_and_registers_the_job_once_it_is_free()
    {
        Skip.IfNot(engine == TestHost.PostgreSql, "Hangfire.Storage.SQLite renews its locks from a timer of the holder; a row planted by hand is not one.");
        using (var first = Host())
        {
            _ = first.Server;
            using var connection = first.OpenDatabase();
            // The job gone, so that its registration shows; then its lock as a host killed a moment ago left it.
            first.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists("dispatch-sweep");
            connection.Execute("INSERT INTO hangfire.lock (resource, acquired) VALUES ('hangfire:lock:recurring-job:dispatch-sweep', now())");
        }

        using var second = Host();
        // Before, Hangfire's 15 s wait for the lock ended in a throw that failed the host's start; after that, the start
        // still waited those 15 s for each locked job before it went on. The lock is now asked about without waiting.
        var started = System.Diagnostics.Stopwatch.StartNew();
        var health = await second.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(12), $"The host took {started.Elapsed.TotalSeconds:0.0} s to start beside a locked job.");
        Assert.DoesNotContain(Recurring(second), j => j.Id == "dispatch-sweep");
        Assert.Contains(Recurring(second), j => j.Id == "pledge-reminders");

        // The store takes the lock as abandoned once it is older than its timeout: the host registers the job then.
        using (var connection = second.OpenDatabase())
            Assert.Equal(1, connection.Execute("UPDATE hangfire.lock SET acquired = acquired - interval '2 minutes' WHERE resource LIKE '%recurring-job:dispatch-sweep'"));
        await Eventually.True(() => Task.FromResult(Recurring(second).Any(j => j.Id == "dispatch-sweep")), seconds: 40);
    }

    private static JobStorage Storage(TestHost host) => host.Services.GetRequiredService<JobStorage>();

    private static List<RecurringJobDto> Recurring(TestHost host)
    {
        using var connection = Storage(host).GetConnection();
        return connection.GetRecurringJobs();
    }

    public void Dispose()
    {
        // The next host drops the database it takes over; when a test fails before starting one, nobody has.
        if (_postgres is not null) TestPostgres.DropDatabase(_postgres);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }
}
