namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// What campaigns need to know of a project before naming it: which module posted it. Owned here, implemented by
/// the Projects feature, which owns the table.
/// </summary>
public interface IProjectModules
{
    /// <summary>The module of the project, or null when there is no such project.</summary>
    string? ModuleOf(long projectId);
}
