using System.Security.Cryptography;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// This process among the hosts that send from one database (ADR 0013): the name its claims carry
/// (<c>send_message.claimed_by</c>). A process has a name of its own, so a host restarted on the same machine never
/// mistakes the rows of its killed predecessor for its own.
/// </summary>
internal sealed class SendingHost
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}

/// <summary>
/// Several hosts on one PostgreSQL database (ADR 0013), a service of each host there. It keeps this host's lease
/// (<c>send_host</c>) renewed while the process lives; returns to the queue the rows claimed by hosts whose lease ran
/// out (killed, or cut off), never a live host's; and has this host send, beside the others, every campaign with
/// messages due, so that a campaign's batches spread over the hosts and a survivor finishes what a killed host left.
/// SQLite has one process per file and none of this: its start-up recovery returns every row left 'sending'.
/// </summary>
internal sealed class HostLease(
    Db db, SendingHost host, TimeProvider clock, IOptions<SendingOptions> options, IServiceProvider services, IBackgroundJobClient jobs,
    ILogger<HostLease> logger) : BackgroundService
{
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(Math.Max(2, options.Value.LeaseSeconds));

    /// <summary>Often enough that a lease is renewed several times before it runs out, and a second host joins a send quickly.</summary>
    private TimeSpan Tick => TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, _lease.Ticks / 4));

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before anything here claims a row (Hangfire's server starts after this service): a claim without a lease
        // would look abandoned to the other hosts.
        Renew();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var joined = new Dictionary<long, Task>();
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                Renew();
                Recover();
                Join(joined, stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
            {
                // The database is away for a moment: the lease is renewed well before it runs out, so the next tick does.
                logger.LogWarning("Host lease tick failed: {Error}", ex.GetType().Name);
            }
        }
        await Task.WhenAll(joined.Values).ConfigureAwait(false);
    }

    private void Renew()
    {
        using var connection = db.Open();
        connection.Execute("""
            INSERT INTO send_host (host_id, lease_until) VALUES (@id, @until)
            ON CONFLICT (host_id) DO UPDATE SET lease_until = excluded.lease_until
            """, new { id = host.Id, until = (clock.GetUtcNow() + _lease).ToDb() });
    }

    /// <summary>Rows of hosts whose lease ran out go back to the queue; their campaigns are dispatched again.</summary>
    private void Recover()
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<long> campaigns;
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            campaigns = LedgerClaim.ReturnAbandoned(connection, transaction, now);
            // A host gone for a day is gone: its lease is of no further use.
            connection.Execute("DELETE FROM send_host WHERE lease_until < @before", new { before = (now - TimeSpan.FromDays(1)).ToDb() }, transaction);
            transaction.Commit();
        }
        if (campaigns.Count > 0) logger.LogWarning("Returned to the queue the rows of {Count} campaigns left by a host whose lease ran out", campaigns.Count);
        foreach (var campaignId in campaigns) jobs.Enqueue<Dispatcher>(d => d.DispatchCampaignAsync(campaignId, CancellationToken.None));
    }

    /// <summary>Sends, beside the other hosts, each sending campaign with messages due that this host is not sending yet.</summary>
    private void Join(Dictionary<long, Task> joined, CancellationToken stoppingToken)
    {
        foreach (var done in joined.Where(j => j.Value.IsCompleted).Select(j => j.Key).ToList())
        {
            if (joined[done].Exception is { } failed) logger.LogWarning("Joined dispatch of campaign {CampaignId} failed: {Error}", done, failed.InnerException?.GetType().Name);
            joined.Remove(done);
        }
        List<long> due;
        using (var connection = db.Open())
            due = connection.Query<long>("""
                SELECT c.id FROM campaign c
                WHERE c.status = 'sending'
                  AND EXISTS (SELECT 1 FROM send_message m WHERE m.campaign_id = c.id AND m.status = 'pending' AND m.not_before <= @now)
                """, new { now = clock.GetUtcNow().ToDb() }).ToList();
        foreach (var campaignId in due.Where(id => !joined.ContainsKey(id)))
            joined[campaignId] = Task.Run(() => services.GetRequiredService<Dispatcher>().JoinAsync(campaignId, stoppingToken), CancellationToken.None);
    }
}
