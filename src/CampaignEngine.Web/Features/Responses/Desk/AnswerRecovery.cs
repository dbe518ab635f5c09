using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// At start, queues again every answer stored but never put in the ledger (no campaign yet): the answers wait in the
/// database, while Hangfire's delivery jobs may be gone (a restored backup, the in-memory store); a delivery that runs
/// twice puts the answer in the ledger once.
/// </summary>
internal sealed class AnswerRecovery(Db db, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        List<long> waiting;
        using (var connection = db.Open())
            waiting = connection.Query<long>("SELECT id FROM response_thread_message WHERE kind = 'out' AND campaign_id IS NULL ORDER BY id").ToList();
        foreach (var answerId in waiting) jobs.Enqueue<AnswerDelivery>(d => d.DeliverAsync(answerId, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
