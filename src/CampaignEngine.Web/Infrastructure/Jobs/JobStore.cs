using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Files;
using CampaignEngine.Web.Infrastructure.Metrics;
using CampaignEngine.Web.Infrastructure.Web;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Infrastructure.Jobs;

internal sealed class JobsOptions
{
    public const string Durable = "durable";
    public const string Sqlite = "sqlite";
    public const string Memory = "memory";

    /// <summary>
    /// <c>durable</c> (the default: the database's own engine: a SQLite file beside the SQLite database, or
    /// Hangfire.PostgreSql in the product's PostgreSQL database), <c>sqlite</c> (the same, by its older name), or
    /// <c>memory</c> (forgotten at every restart; for tests that start many hosts).
    /// </summary>
    public string Storage { get; set; } = Durable;

    /// <summary>The SQLite file of Hangfire's jobs; empty: <c>jobs.db</c> beside the database.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// On PostgreSQL, the seconds a job fetched by a host that stopped renewing it (a killed host) stays invisible to the
    /// others (<see cref="JobStore"/>). Hangfire.PostgreSql's own default is 30 minutes.
    /// </summary>
    public int InvisibilitySeconds { get; set; } = 120;

    public string FilePath(string databasePath) =>
        System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(Path)
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(databasePath)!, "jobs.db")
            : Path);
}

/// <summary>
/// Where Hangfire keeps its jobs, and the one place that knows which engine that is. On SQLite the jobs live in their
/// own file beside the database, so that scheduled launches, recurring jobs and queued jobs survive a restart in
/// Hangfire itself; the send ledger stays the truth, and the start-up recoveries still queue what the ledger says is
/// unfinished (a job that was both kept and re-queued runs twice and does nothing the second time).
/// </summary>
internal static class JobStore
{
    /// <summary>
    /// How often an idle worker asks the SQLite store for a job. The store has no signal for a new job, and a campaign
    /// launched "now" must start within a second; two workers asking four times a second read one small index.
    /// </summary>
    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(250);

    public static IServiceCollection AddJobStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobsOptions>(configuration.GetSection("Jobs"));
        // One job store per host, registered in the container: Hangfire's global JobStorage.Current is static,
        // and two hosts in one process (the tests) would otherwise run each other's jobs against the wrong database.
        // Likewise the job activator: Hangfire's default is the first host's container, process-wide.
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddMetricSource<JobMetrics>();
        services.AddSingleton<RecurringRegistration>();
        services.AddSingleton(provider => Open(provider.GetRequiredService<IOptions<JobsOptions>>().Value, provider.GetRequiredService<Db>(),
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddHangfire((provider, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogBridge(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        // A campaign launched "now" must start within seconds, so poll the schedule every second.
        services.AddHangfireServer((provider, o) =>
        {
            o.Activator = provider.GetRequiredService<JobActivator>();
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
        });
        return services;
    }

    private static JobStorage Open(JobsOptions options, Db db, DatabaseOptions database) => options.Storage switch
    {
        JobsOptions.Durable or JobsOptions.Sqlite when db.IsPostgreSql => OpenPostgreSql(database.ConnectionString!, TimeSpan.FromSeconds(Math.Max(5, options.InvisibilitySeconds))),
        JobsOptions.Durable or JobsOptions.Sqlite => OpenSqlite(options.FilePath(db.FilePath)),
        JobsOptions.Memory => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }),
        _ => throw new InvalidOperationException($"Jobs:Storage: '{options.Storage}' is not {JobsOptions.Durable} or {JobsOptions.Memory}."),
    };

    /// <summary>
    /// How long a Hangfire lock row on PostgreSQL stands before another host takes it as left by a dead one. The store's
    /// locks are rows, and a host killed while its schedule poller or recurring scheduler held one leaves it behind: at
    /// the store's default of 10 minutes every other host's scheduled launches waited that long. Hangfire holds these
    /// locks for one poll (milliseconds), and the product takes none of its own.
    /// </summary>
    public static readonly TimeSpan PostgreSqlLockTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// On PostgreSQL the jobs live in the product's database, in their own schema: every host sees the same queue, a
    /// recurring job runs once across hosts, and a job a killed host had fetched returns after
    /// <paramref name="invisibility"/> (<see cref="JobsOptions.InvisibilitySeconds"/>). The store's default of 30 minutes
    /// let a survivor wait that long for a killed host's answer delivery, module handler or import. A live host renews the
    /// fetch of each job it runs in the background (the sliding timeout, every fifth of it), so a job is never taken from
    /// a live host however long it runs.
    /// </summary>
    private static PostgreSqlStorage OpenPostgreSql(string connectionString, TimeSpan invisibility) =>
        new(new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            QueuePollInterval = QueuePollInterval,
            PrepareSchemaIfNecessary = true,
            DistributedLockTimeout = PostgreSqlLockTimeout,
            InvisibilityTimeout = invisibility,
            UseSlidingInvisibilityTimeout = true,
        });

    private static SQLiteStorage OpenSqlite(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) OwnerOnly.Folder(folder);
        // The jobs' arguments name campaigns and people by id only, but the file is the product's: owner-only like the database.
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) OwnerOnly.TightenFile(file);
        return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = QueuePollInterval });
    }
}
