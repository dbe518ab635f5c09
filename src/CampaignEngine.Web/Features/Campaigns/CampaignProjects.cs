using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>The projects each campaign asks for (<c>campaign_project</c>).</summary>
public sealed class CampaignProjects(Db db) : Responses.ICampaignProjects
{
    public bool Names(long campaignId, long projectId)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM campaign_project WHERE campaign_id = @campaignId AND project_id = @projectId", new { campaignId, projectId }) == 1;
    }

    public IReadOnlyList<long> Of(long campaignId)
    {
        using var connection = db.Open();
        return connection.Query<long>("SELECT project_id FROM campaign_project WHERE campaign_id = @campaignId ORDER BY project_id", new { campaignId }).ToList();
    }

    /// <summary>Replaces the campaign's projects inside the caller's transaction (the campaign's own write).</summary>
    public static void Replace(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long campaignId, IReadOnlyList<long> projectIds)
    {
        connection.Execute("DELETE FROM campaign_project WHERE campaign_id = @campaignId", new { campaignId }, transaction);
        foreach (var projectId in projectIds.Distinct())
            connection.Execute("INSERT INTO campaign_project (campaign_id, project_id) VALUES (@campaignId, @projectId)", new { campaignId, projectId }, transaction);
    }
}
