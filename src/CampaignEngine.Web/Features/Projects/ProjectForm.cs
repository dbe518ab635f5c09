namespace CampaignEngine.Web.Features.Projects;

/// <summary>The project form as the page posts it: flat fields, turned into the same request the API takes.</summary>
internal sealed class ProjectForm
{
    public string? Region { get; set; }
    public string? Village { get; set; }
    public string? Sector { get; set; }
    public string? TitleKy { get; set; }
    public string? TitleRu { get; set; }
    public string? TitleEn { get; set; }
    public string? DescriptionKy { get; set; }
    public string? DescriptionRu { get; set; }
    public string? DescriptionEn { get; set; }
    public decimal? Budget { get; set; }
    public string? Currency { get; set; }
    public decimal? ShareState { get; set; }
    public decimal? ShareLocal { get; set; }
    public decimal? ShareDiaspora { get; set; }

    public ProjectRequest ToRequest() => new(null, Region, Village, Sector,
        new ProjectTexts(TitleKy, TitleRu, TitleEn), new ProjectTexts(DescriptionKy, DescriptionRu, DescriptionEn),
        Budget, Currency, new ProjectShares(ShareState, ShareLocal, ShareDiaspora));

    public static ProjectForm From(ProjectRow p) => new()
    {
        Region = p.Region, Village = p.Village, Sector = p.Sector,
        TitleKy = p.TitleKy, TitleRu = p.TitleRu, TitleEn = p.TitleEn,
        DescriptionKy = p.DescriptionKy, DescriptionRu = p.DescriptionRu, DescriptionEn = p.DescriptionEn,
        Budget = p.Budget, Currency = p.Currency, ShareState = p.ShareState, ShareLocal = p.ShareLocal, ShareDiaspora = p.ShareDiaspora,
    };

    /// <summary>The form's field for an error key of the request ("title.ky" → "TitleKy").</summary>
    public static string FieldOf(string errorKey) => errorKey switch
    {
        "title.ky" => nameof(TitleKy), "title.ru" => nameof(TitleRu), "title.en" => nameof(TitleEn),
        "description.ky" => nameof(DescriptionKy), "description.ru" => nameof(DescriptionRu), "description.en" => nameof(DescriptionEn),
        "shares.state" => nameof(ShareState), "shares.local" => nameof(ShareLocal), "shares.diaspora" => nameof(ShareDiaspora),
        "shares" => "Shares", "moduleId" => nameof(Region),
        _ => char.ToUpperInvariant(errorKey[0]) + errorKey[1..],
    };
}
