using System.Data;
using CampaignEngine.Web.Features.Sending;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>The campaign status changes sending asks for (<see cref="ICampaignProgress"/>), written here by the table's owner.</summary>
internal sealed class CampaignProgress : ICampaignProgress
{
    public void StartIfDue(IDbConnection connection, long campaignId, DateTimeOffset now) =>
        connection.Execute("""
            UPDATE campaign SET status = 'sending'
            WHERE id = @campaignId AND status = 'scheduled' AND launch_at <= @now
            """, new { campaignId, now });

    public void CompleteIfSending(IDbConnection connection, long campaignId) =>
        connection.Execute("UPDATE campaign SET status = 'completed' WHERE id = @campaignId AND status = 'sending'", new { campaignId });

    public void ReopenIfCompleted(IDbConnection connection, IDbTransaction transaction, long campaignId) =>
        connection.Execute("UPDATE campaign SET status = 'sending' WHERE id = @campaignId AND status = 'completed'", new { campaignId }, transaction);
}
