using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Projects;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Reports;

internal sealed record FunnelPage(long? CampaignId, string? CampaignName, IReadOnlyList<FunnelRow> Rows, IReadOnlyList<(long Id, string Name)> Campaigns);

/// <param name="Error">A date that could not be read (the field and why): the page then shows the default period.</param>
internal sealed record AnswersPage(DeskPeriod Period, IReadOnlyList<AskedPeople> Rows, (string Field, string Message)? Error);

internal sealed record CrossTabPage(string Rows, string Cols, CrossTab.Result Result, ReportLabels Labels);

/// <summary>
/// The report pages. Everything is scoped in the queries as the API is: officers see all, an oblast user the
/// natives of its region, a leader the members of its organisation (and no campaigns, so no funnel).
/// Staff pages show exact numbers; the exports suppress groups under five people, as the API's do.
/// </summary>
[Route("reports"), Authorize(Policy = Roles.Staff)]
internal sealed class ReportsController(
    PledgeReport report, CrossTab crossTab, CampaignStore campaigns, MessageQueries messages,
    ProjectStore projects, DeskStats desk, UiText texts, TimeProvider clock) : Controller
{
    private CurrentUser Me => HttpContext.CurrentUser();

    [HttpGet("")]
    public IActionResult Pledges(string? by, long? campaignId)
    {
        var dimension = by is { } b && PledgeReportPage.Dimensions.Contains(b) ? b : "gender";
        var query = new PledgeReport.Query(dimension == "gender" ? ["gender"] : [dimension, "gender"], campaignId, null, null);
        var labels = Labels();
        var totals = PivotRow.Single("", texts.Get(UiLanguage.Of(HttpContext), "common.total"), report.Run(query with { By = ["gender"] }, Me));
        var rows = PivotRow.From(dimension, report.Run(query, Me), labels);
        return View(new PledgeReportPage(dimension, campaignId, rows, totals, CampaignList()));
    }

    [HttpGet("pledges/export")]
    public IActionResult Export(string? by, long? campaignId, string? format)
    {
        var dimensions = (by ?? "gender").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dimensions.Length == 0 || dimensions.Any(d => !PledgeReport.Dimensions.ContainsKey(d)) || dimensions.Distinct().Count() != dimensions.Length
            || format is not ("csv" or "xlsx"))
            return BadRequest();
        var language = UiLanguage.Of(HttpContext);
        var rows = ReportExport.Readable(ReportExport.Suppress(report.Run(new PledgeReport.Query(dimensions, campaignId, null, null), Me), dimensions),
            dimensions, Labels(), column => texts.Get(language, dimensions.Contains(column) ? "report.dim." + column : "report.col." + column));
        var name = ReportExport.FileName(dimensions, clock.GetUtcNow());
        return format == "csv"
            ? File(ReportExport.Csv(rows), "text/csv; charset=utf-8", name + ".csv")
            : File(ReportExport.Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    [HttpGet("funnel")]
    public IActionResult Funnel(long? campaignId)
    {
        var list = CampaignList();
        var campaign = campaignId is { } id ? campaigns.Find(id, AccessScope.Of(Me)) : null;
        if (campaignId is not null && campaign is null) return NotFound();
        return View(new FunnelPage(campaign?.Id, campaign is null ? null : CampaignNames.For(texts, UiLanguage.Of(HttpContext), campaign), campaign is null ? [] : messages.FunnelByGender(campaign.Id), list));
    }

    /// <summary>
    /// Beside the funnel: of the people who asked the administration something in the period, those who got an answer
    /// and those who did not, and how many of each pledged within 90 days of asking (the desk's own query).
    /// </summary>
    [HttpGet("answers")]
    public IActionResult Answers(string? from, string? to)
    {
        var now = clock.GetUtcNow();
        var period = DeskPeriod.Parse(from, to, now, out var error) ?? DeskPeriod.LastDays(now);
        if (error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(new AnswersPage(period, desk.AnsweredVsNot(period, AccessScope.Of(Me)), error));
    }

    [HttpGet("crosstab")]
    public IActionResult CrossTabs(string? rows, string? cols)
    {
        var r = rows is not null && CrossTab.Attributes.ContainsKey(rows) ? rows : "gender";
        var c = cols is not null && CrossTab.Attributes.ContainsKey(cols) && cols != r ? cols : r == "willing" ? "gender" : "willing";
        return View("CrossTab", new CrossTabPage(r, c, crossTab.Run(r, c, Me), Labels()));
    }

    private List<(long Id, string Name)> CampaignList() =>
        campaigns.List(AccessScope.Of(Me)).Select(c => (c.Id, CampaignNames.For(texts, UiLanguage.Of(HttpContext), c))).ToList();

    private ReportLabels Labels()
    {
        var language = UiLanguage.Of(HttpContext);
        var names = new Dictionary<string, string>();
        foreach (var (id, name) in CampaignList()) names[$"campaignId:{id}"] = name;
        foreach (var p in projects.List(null)) names[$"project:{p.Id}"] = p.Title.In(language);
        return new ReportLabels(texts, language, names);
    }
}
