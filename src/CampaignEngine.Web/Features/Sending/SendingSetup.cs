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
}

internal static class SendingSetup
{
    public static IServiceCollection AddSending(this IServiceCollection services, IConfiguration configuration)
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
        services.AddMetricSource<SendingMetrics>();
        services.AddTransient<Dispatcher>();
        services.AddTransient<UndeliveredFallback>();
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
internal sealed class DispatchRecovery(Db db, IRecurringJobManager recurring, IBackgroundJobClient jobs) : AfterListening
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            // Their places under monthly caps are given back: claiming them again takes places anew.
            MonthlyCap.GiveBackLeftSending(connection, transaction);
            // Per campaign, so that the lookup uses the claim's index (campaign_id, status, not_before).
            connection.Execute("UPDATE send_message SET status = 'pending' WHERE campaign_id IN (SELECT id FROM campaign) AND status = 'sending'",
                transaction: transaction);
            transaction.Commit();
        }
        return Task.CompletedTask;
    }

    public override Task StartedAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<Dispatcher>("dispatch-sweep", d => d.SweepAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<UndeliveredFallback>("undelivered-fallback", f => f.Run(), Cron.Hourly());
        jobs.Enqueue<Dispatcher>(d => d.SweepAsync(CancellationToken.None));
        return Task.CompletedTask;
    }
}
