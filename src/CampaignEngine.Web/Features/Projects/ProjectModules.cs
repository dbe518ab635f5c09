namespace CampaignEngine.Web.Features.Projects;

/// <summary>Tells campaigns which module posted a project, so a campaign names only its own module's projects.</summary>
internal sealed class ProjectModules(ProjectStore projects) : Campaigns.IProjectModules
{
    public string? ModuleOf(long projectId) => projects.Find(projectId)?.ModuleId;

    public IReadOnlyList<Campaigns.ProjectChoice> Choices(string? moduleId) =>
        projects.List(region: null).Where(p => moduleId is null || p.ModuleId == moduleId)
            .Select(p => new Campaigns.ProjectChoice(p.Id, p.ModuleId, p.Title)).ToList();
}
