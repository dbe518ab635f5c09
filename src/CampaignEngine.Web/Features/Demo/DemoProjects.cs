namespace CampaignEngine.Web.Features.Demo;

/// <summary>
/// What a demo project of a regional module costs and where it is: its words are the module's own cause (the manifest's
/// <c>cause</c>), so the demo's project, the module's appeals and its page speak of one thing.
/// </summary>
/// <param name="Shares">State, local and diaspora co-financing, in percent (DAR 1+3 style).</param>
internal sealed record DemoProject(string? Village, string Sector, decimal BudgetKgs, (decimal State, decimal Local, decimal Diaspora) Shares);

internal static class DemoProjects
{
    /// <summary>For a module this table does not name (one added as a folder): a modest village project.</summary>
    public static readonly DemoProject Default = new(null, "rural_infrastructure", 1_500_000m, (25, 25, 50));

    private static readonly Dictionary<string, DemoProject> ByModule = new(StringComparer.Ordinal)
    {
        ["batken"] = new("Кара-Бак", "water_and_sanitation", 4_200_000m, (25, 15, 60)),
        ["bishkek"] = new(null, "ict", 1_800_000m, (0, 30, 70)),
        ["chui"] = new("Кара-Балта", "construction", 2_600_000m, (25, 25, 50)),
        ["issyk-kul"] = new("Бостери", "environmental_awareness", 900_000m, (0, 40, 60)),
        ["jalal-abad"] = new("Сузак", "green_energy", 5_500_000m, (25, 25, 50)),
        ["naryn"] = new("Ат-Башы", "education_and_science", 3_100_000m, (25, 25, 50)),
        ["osh"] = new("Кара-Суу", "organic_agriculture", 3_800_000m, (25, 25, 50)),
        ["osh-city"] = new(null, "tourism_and_services", 1_200_000m, (0, 50, 50)),
        ["talas"] = new("Кара-Буура", "healthcare", 2_400_000m, (25, 25, 50)),
    };

    public static DemoProject For(string moduleId) => ByModule.GetValueOrDefault(moduleId, Default);
}
