using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using System.Net;
using CampaignEngine.Web.Features.Sending;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// What a cold start does before the host answers, and what it leaves until the server listens (bench/, cold start):
/// Hangfire's recurring jobs are registered after every hosted service has started, the web server included, and
/// are all there once the host's start has returned. MVC's model of the actions is built on a pool thread, beside the
/// rest of the host's building, and Hangfire's job store is opened on a thread of its own.
/// </summary>
public sealed class HostStartTests
{
    [Fact]
    public void Recurring_jobs_are_registered_after_the_hosted_services_start_and_before_the_host_start_returns()
    {
        var probe = new RecurringJobsAtStart();
        TestHost? started = null;
        using var host = new TestHost
        {
            Settings = { ["Jobs:Storage"] = "sqlite" },
            // Added after the product's services, so started after its hosted services.
            Customize = builder => builder.ConfigureServices(services => services.AddSingleton<IHostedService>(provider =>
                probe.Reading(provider.GetRequiredService<JobStorage>(), started!.DatabasePath))),
        };
        started = host;
        _ = host.Server;

        // Seen by a hosted service started after the product's (the first administrator, whom a product hosted service
        // creates at start, already exists): no recurring job yet, they wait for StartedAsync.
        Assert.NotNull(probe.AtStart);
        Assert.True(probe.UsersAtStart > 0);
        Assert.DoesNotContain("dispatch-sweep", probe.AtStart);
        Assert.DoesNotContain("pledge-reminders", probe.AtStart);
        // Once the host has started: all of them.
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var registered = connection.GetRecurringJobs().Select(j => j.Id).ToList();
        Assert.Contains("dispatch-sweep", registered);
        Assert.Contains("undelivered-fallback", registered);
        Assert.Contains("pledge-reminders", registered);
    }

    [Fact]
    public async Task Mvc_builds_its_model_of_the_actions_on_a_pool_thread_while_the_host_builds_its_pipeline()
    {
        var probe = new ActionsBuiltOn();
        using var host = new TestHost
        {
            Customize = builder => builder.ConfigureServices(services => services.AddSingleton<IActionDescriptorProvider>(probe)),
        };
        _ = host.Server;

        // The host is built on the entry point's own thread (not a pool thread); the actions were built elsewhere,
        // once, and the controllers still answer.
        Assert.Equal([true], probe.OnPoolThread);
        using var client = host.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task Hangfires_job_store_is_opened_on_a_thread_of_its_own_while_the_host_is_built_and_the_dashboard_answers()
    {
        string? openedOn = null;
        using var host = new TestHost
        {
            Settings = { ["Jobs:Storage"] = "sqlite" },
            // The product's own store, opened through its registration, noting the thread it is opened on.
            Customize = builder => builder.ConfigureServices(services =>
            {
                var product = services.Last(d => d.ServiceType == typeof(JobStorage));
                services.Add(ServiceDescriptor.Singleton(provider =>
                {
                    openedOn = Thread.CurrentThread.Name;
                    return (JobStorage)product.ImplementationFactory!(provider);
                }));
            }),
        };
        _ = host.Server;

        Assert.Equal(CampaignHost.JobStoreThread, openedOn);
        using var client = host.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_start_queues_a_dispatch_sweep_only_when_a_campaign_is_due()
    {
        using var host = new TestHost();
        _ = host.Server;
        Assert.Equal(0, await SweepsQueuedByAStartAsync(host.Services));

        // A campaign a crash left sending.
        var api = host.AdminClient();
        var id = (long)(await api.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Left sending" }, HttpStatusCode.Created))["id"]!;
        TestCompatriots.Scalar(host, "UPDATE campaign SET status = 'sending' WHERE id = @id", new { id });

        Assert.Equal(1, await SweepsQueuedByAStartAsync(host.Services));
    }

    private static async Task<int> SweepsQueuedByAStartAsync(IServiceProvider services)
    {
        var jobs = new QueuedJobs();
        var recovery = ActivatorUtilities.CreateInstance<DispatchRecovery>(services, jobs);
        await recovery.StartAsync(CancellationToken.None);
        await recovery.StartedAsync(CancellationToken.None);
        return jobs.Created.Count(job => job.Method.Name == nameof(Dispatcher.SweepAsync));
    }

    /// <summary>Hangfire's client, noting the jobs it is given and queueing none.</summary>
    private sealed class QueuedJobs : IBackgroundJobClient
    {
        public List<Job> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add(job);
            return Guid.NewGuid().ToString("N");
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }

    /// <summary>Notes the thread each time MVC asks its providers for the actions.</summary>
    private sealed class ActionsBuiltOn : IActionDescriptorProvider
    {
        public List<bool> OnPoolThread { get; } = [];

        public int Order => 0;

        public void OnProvidersExecuting(ActionDescriptorProviderContext context)
        {
            lock (OnPoolThread) OnPoolThread.Add(Thread.CurrentThread.IsThreadPoolThread);
        }

        public void OnProvidersExecuted(ActionDescriptorProviderContext context)
        {
        }
    }

    private sealed class RecurringJobsAtStart : IHostedService
    {
        private JobStorage? _storage;
        private string? _database;

        public List<string>? AtStart { get; private set; }

        public long UsersAtStart { get; private set; }

        public RecurringJobsAtStart Reading(JobStorage storage, string database)
        {
            (_storage, _database) = (storage, database);
            return this;
        }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            using var connection = _storage!.GetConnection();
            AtStart = connection.GetRecurringJobs().Select(j => j.Id).ToList();
            using var database = new SqliteConnection($"Data Source={_database}");
            UsersAtStart = database.ExecuteScalar<long>("SELECT COUNT(*) FROM auth_user");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
