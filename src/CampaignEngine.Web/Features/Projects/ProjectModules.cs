namespace CampaignEngine.Web.Features.Projects;

/// <summary>Tells campaigns which module posted a project, so a campaign names only its own module's projects.</summary>
internal sealed class ProjectModules(ProjectStore projects) : Campaigns.IProjectModules
{
    public string? ModuleOf(long projectId) => projects.Find(projectId)?.ModuleId;
}
