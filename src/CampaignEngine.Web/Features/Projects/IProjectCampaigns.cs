namespace CampaignEngine.Web.Features.Projects;

/// <summary>A campaign that asks for a project, as the project's staff page lists it.</summary>
internal sealed record ProjectCampaign(long Id, string Name, string Status);

/// <summary>
/// The campaigns that name a project, among those the user may see. Owned here, where the project page shows them;
/// implemented by the Campaigns feature, which owns the link between the two.
/// </summary>
internal interface IProjectCampaigns
{
    IReadOnlyList<ProjectCampaign> Naming(long projectId, Auth.CurrentUser user);
}
