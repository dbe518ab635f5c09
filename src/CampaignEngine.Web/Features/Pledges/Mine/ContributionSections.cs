using CampaignEngine.Web.Features.MyPage;

namespace CampaignEngine.Web.Features.Pledges.Mine;

/// <summary>
/// The person's page, first after their preferences: "My contributions" (pledges, what arrived, monthly pledges to
/// steer) and "Projects you support" (their news since the person's first pledge). Both are always shown, empty or not,
/// so the page says plainly that nothing is held rather than leaving the reader to wonder.
/// </summary>
internal sealed class ContributionSections(MyContributions contributions) : IMyPageSections
{
    public const string PledgesId = "contributions";
    public const string ProjectsId = "projects";

    public int Order => 10;

    public IEnumerable<MyPageSection> For(MyPageVisit visit)
    {
        var model = contributions.For(visit.CompatriotId, visit.Token, visit.Language);
        return
        [
            new(PledgesId, "mine.contributions.title", "/Features/Pledges/Views/Mine/_Contributions.cshtml", model),
            new(ProjectsId, "mine.projects.title", "/Features/Pledges/Views/Mine/_SupportedProjects.cshtml", model),
        ];
    }
}
