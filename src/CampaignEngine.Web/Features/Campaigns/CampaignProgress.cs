using System.Data;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// The campaign status changes sending asks for (<see cref="ICampaignProgress"/>), written here by the table's owner. An
/// appeal that completes raises <see cref="CampaignCompleted"/> in the transaction of its status, so modules hear of
/// it exactly when it happened; system campaigns (deliveries, reminders, answers) complete and reopen all the time and
/// are nobody's news.
/// </summary>
internal sealed class CampaignProgress(CampaignStore store, ModuleEvents events) : ICampaignProgress
{
    public void StartIfDue(IDbConnection connection, long campaignId, DateTimeOffset now) =>
        connection.Execute("""
            UPDATE campaign SET status = 'sending'
            WHERE id = @campaignId AND status = 'scheduled' AND launch_at <= @now
            """, new { campaignId, now });

    public void CompleteIfSending(IDbConnection connection, long campaignId)
    {
        IReadOnlyList<long> deliveries = [];
        using (var transaction = connection.BeginTransaction())
        {
            var completed = connection.QuerySingleOrDefault<(string ModuleId, string Purpose)?>("""
                UPDATE campaign SET status = 'completed' WHERE id = @campaignId AND status = 'sending'
                RETURNING module_id, purpose
                """, new { campaignId }, transaction);
            if (completed is { Purpose: "appeal" } appeal && events.IsHandled<CampaignCompleted>())
            {
                // The ledger is done: its counts read now (committed, on another connection) are the campaign's final ones.
                var counts = store.Counts(campaignId);
                deliveries = events.Record(connection, transaction, new CampaignCompleted(
                    campaignId, appeal.ModuleId, counts.Sent, counts.Delivered, counts.Failed, counts.Skipped, counts.Clicked, counts.Pledged));
            }
            transaction.Commit();
        }
        events.Deliver(deliveries);
    }

    public void ReopenIfCompleted(IDbConnection connection, IDbTransaction transaction, long campaignId) =>
        connection.Execute("UPDATE campaign SET status = 'sending' WHERE id = @campaignId AND status = 'completed'", new { campaignId }, transaction);
}
