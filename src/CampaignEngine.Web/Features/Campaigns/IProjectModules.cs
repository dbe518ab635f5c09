using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>A project as the campaign form and page show it: its module and its title in each language.</summary>
internal sealed record ProjectChoice(long Id, string ModuleId, LocalizedText Title);

/// <summary>
/// What campaigns need to know of a project before naming it: which module posted it, and the projects a campaign
/// of a module may ask for. Owned here, implemented by the Projects feature, which owns the table.
/// </summary>
internal interface IProjectModules
{
    /// <summary>The module of the project, or null when there is no such project.</summary>
    string? ModuleOf(long projectId);

    /// <summary>The projects of <paramref name="moduleId"/> (every project when null), newest first.</summary>
    IReadOnlyList<ProjectChoice> Choices(string? moduleId);
}
