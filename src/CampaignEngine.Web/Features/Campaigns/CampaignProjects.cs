using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// What a campaign's pledges came to for one project (<see cref="ProjectId"/> null: pledges naming no project).
/// Money in USD by how far it is vouched for, as the public project page counts it; cancelled and written-off pledges left out.
/// </summary>
internal sealed record ProjectPledges
{
    public long? ProjectId { get; init; }
    public long Pledges { get; init; }
    public long People { get; init; }
    public decimal ConfirmedUsd { get; init; }
    public decimal PromisedUsd { get; init; }
    public decimal AwaitingUsd { get; init; }
    public decimal FulfilledUsd { get; init; }
    public decimal Hours { get; init; }
}

/// <summary>The projects each campaign asks for (<c>campaign_project</c>).</summary>
internal sealed class CampaignProjects(Db db, ModuleRegistry modules, Projects.ProjectStore projectStore)
    : Responses.ICampaignProjects, Projects.IProjectCampaigns, Sending.ICampaignCauses
{
    /// <summary>
    /// The first of the campaign's projects (by id, as the pledge form lists them), in its own words; null when it names
    /// none. An id whose project cannot be read is passed over, as the tracked page's rows pass it over, so a message and
    /// its page never speak of two different projects; the projects are read only until one is found.
    /// </summary>
    public Core.Modules.AppealCause? CauseOf(long campaignId) =>
        CauseAmong(Of(campaignId).Select(projectStore.Find).OfType<Projects.ProjectRow>().Take(1).ToList());

    /// <summary>The cause among a campaign's projects already read in the order of <see cref="Of"/> (the tracked page reads them for its form).</summary>
    public static Core.Modules.AppealCause? CauseAmong(IReadOnlyList<Projects.ProjectRow> projects) => projects.Count == 0 ? null : projects[0].Cause;

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

    /// <summary>The campaign's pledges per project, those naming no project included.</summary>
    public IReadOnlyList<ProjectPledges> PledgesByProject(long campaignId)
    {
        using var connection = db.Open();
        return connection.Query<ProjectPledges>("""
            SELECT project_id AS ProjectId, COUNT(*) AS Pledges, COUNT(DISTINCT compatriot_id) AS People,
                   COALESCE(SUM(CASE WHEN status IN ('confirmed', 'partially_fulfilled', 'fulfilled') THEN amount_usd END), 0) AS ConfirmedUsd,
                   COALESCE(SUM(CASE WHEN status = 'pledged' THEN amount_usd END), 0) AS PromisedUsd,
                   COALESCE(SUM(CASE WHEN status = 'awaiting_confirmation' THEN amount_usd END), 0) AS AwaitingUsd,
                   COALESCE(SUM(fulfilled_usd), 0) AS FulfilledUsd,
                   COALESCE(SUM(hours), 0) AS Hours
            FROM pledge
            WHERE campaign_id = @campaignId AND status NOT IN ('cancelled', 'written_off')
            GROUP BY project_id
            ORDER BY project_id IS NULL, project_id
            """, new { campaignId }).ToList();
    }

    /// <summary>The campaigns naming a project that <paramref name="user"/> may open, newest first.</summary>
    public IReadOnlyList<Projects.ProjectCampaign> Naming(long projectId, CurrentUser user)
    {
        var visible = AccessScope.Of(user).ForModules("c.module_id", modules);
        using var connection = db.Open();
        return connection.Query<Projects.ProjectCampaign>($"""
                SELECT c.id, c.name, c.status FROM campaign_project cp JOIN campaign c ON c.id = cp.campaign_id
                WHERE cp.project_id = @projectId AND {visible.Sql} ORDER BY c.id DESC
                """, visible.With(new { projectId })).ToList();
    }

    /// <summary>Replaces the campaign's projects inside the caller's transaction (the campaign's own write).</summary>
    public static void Replace(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long campaignId, IReadOnlyList<long> projectIds)
    {
        connection.Execute("DELETE FROM campaign_project WHERE campaign_id = @campaignId", new { campaignId }, transaction);
        foreach (var projectId in projectIds.Distinct())
            connection.Execute("INSERT INTO campaign_project (campaign_id, project_id) VALUES (@campaignId, @projectId)", new { campaignId, projectId }, transaction);
    }
}
