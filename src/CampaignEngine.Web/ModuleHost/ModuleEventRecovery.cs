using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// At start, queues again every module event whose handlers have not finished: the deliveries wait in the database,
/// while Hangfire's jobs may be gone (a restored backup, the in-memory store, a job a killed host had fetched). A
/// delivery both kept by Hangfire and queued here runs twice, and its row makes the second run do nothing.
/// </summary>
internal sealed class ModuleEventRecovery(Db db, ModuleEvents events) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using (var connection = db.Open())
            events.Deliver(connection.Query<long>("SELECT id FROM module_event WHERE handled_at IS NULL ORDER BY id").ToList());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
