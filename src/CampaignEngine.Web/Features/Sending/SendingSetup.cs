using CampaignEngine.Web.Features.Sending.Channels;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Jobs;
using CampaignEngine.Web.Infrastructure.Metrics;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Sending;

internal sealed class SendingOptions
{
    public const int DefaultBatchSize = 500;

    /// <summary>
    /// Rows claimed and sent together; a larger batch spreads the per-batch work (two queries, one outbox file)
    /// over more messages. Outcomes are recorded in groups of at most 50 as they settle, so a crash re-sends only
    /// what was on the wire (the file outbox writes a batch as one file, so there it is one batch).
    /// </summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>
    /// On PostgreSQL, how long a host's claims outlive its last sign of life (ADR 0013): a killed host's rows go back to
    /// the queue this long after it died. Renewed every couple of seconds, so a minute rides out any pause but a long one.
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;
}

internal static class SendingSetup
{
    public static IServiceCollection AddSending(this IServiceCollection services, IConfiguration configuration, DatabaseEngine engine)
    {
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.Configure<SendingOptions>(configuration.GetSection("Sending"));
        services.AddSingleton<FileOutbox>();
        services.AddChannels(configuration);
        services.AddSingleton<ChannelRouter>();
        services.AddSingleton<Quota.ChannelQuota>();
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<Ledger>();
        services.AddSingleton<DispatchTurns>();
        services.AddSingleton<SendingHost>();
        services.AddMetricSource<SendingMetrics>();
        services.AddTransient<Dispatcher>();
        services.AddTransient<UndeliveredFallback>();
        // Several hosts share a PostgreSQL database; a SQLite file has one (ADR 0013). Before the recovery, so that this
        // host holds its lease before it claims anything.
        if (engine == DatabaseEngine.PostgreSql) services.AddHostedService<HostLease>();
        services.AddHostedService<DispatchRecovery>();
        return services;
    }
}

/// <summary>
/// At startup: rows left in 'sending' by a crash go back to 'pending' (those on the wire at the crash are
/// sent twice), the recurring sweep is registered again (by its id: once), and every unfinished campaign is dispatched:
/// the ledger is the truth, whatever Hangfire's store kept (a dispatch that runs twice finds nothing left the second time).
/// </summary>
/// <remarks>
/// The rows go back before any hosted service after this one starts, Hangfire's server among them, so no dispatch can
/// have claimed rows this would hand out again. The jobs are registered once the server listens (<see cref="StartedAsync"/>):
/// Hangfire's first use in a process (serialising a job, its store's lock) is a third of a second of a cold start,
/// and nothing the host answers waits for them (bench/, cold start).
/// </remarks>
internal sealed class DispatchRecovery(Db db, RecurringRegistration recurring, IBackgroundJobClient jobs, TimeProvider clock) : AfterListening
{
    private bool _anyDue;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var now = clock.GetUtcNow();
        // On PostgreSQL only the rows of hosts whose lease ran out: the other hosts may be sending theirs right now.
        LedgerClaim.ReturnAbandoned(connection, transaction, now);
        _anyDue = Dispatcher.Due(connection, transaction, now).Count > 0;
        transaction.Commit();
        return Task.CompletedTask;
    }

    public override Task StartedAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<Dispatcher>("dispatch-sweep", d => d.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<UndeliveredFallback>("undelivered-fallback", f => f.Run(), Cron.Hourly());
        // A sweep with nothing to dispatch would only be a job created, claimed and recorded while the host starts;
        // a campaign that falls due later is the minutely sweep's, or its launch queues its own dispatch.
        if (_anyDue) jobs.Enqueue<Dispatcher>(d => d.SweepAsync(CancellationToken.None));
        return Task.CompletedTask;
    }
}
