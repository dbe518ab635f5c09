using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// At start, queues again every module event whose handlers have not finished: Hangfire's store is in memory, so a
/// restart forgets the jobs, while the deliveries wait in the database.
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
