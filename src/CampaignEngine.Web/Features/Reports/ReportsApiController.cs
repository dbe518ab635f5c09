using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Reports;

[Route("api/reports")]
internal sealed class ReportsApiController(
    PledgeReport pledges, CrossTab crossTab, CampaignStore campaigns, MessageQueries messages) : ApiControllerBase
{
    [HttpGet("pledges")]
    public IActionResult Pledges(string? by, long? campaignId, DateTimeOffset? from, DateTimeOffset? to, string? homeRegion, string? country, string? format)
    {
        if (format is not (null or "json" or "csv" or "xlsx")) return Problems.Invalid("format", "Use json, csv or xlsx.");
        if (homeRegion is not null && Core.Reference.Regions.Find(homeRegion) is null)
            return Problems.Invalid("homeRegion", "Unknown home region; use an ISO 3166-2 code such as KG-Y, or a region id.");
        if (country is not null && Core.Reference.Countries.Find(country) is null)
            return Problems.Invalid("country", "Unknown country; use an ISO 3166-1 alpha-2 code such as RU.");
        var dimensions = (by ?? "gender").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dimensions.FirstOrDefault(d => !PledgeReport.Dimensions.ContainsKey(d)) is { } unknown)
            return Problems.Invalid("by", $"Unknown dimension '{unknown}'; use {string.Join(", ", PledgeReport.Dimensions.Keys)}.");
        if (dimensions.Distinct().Count() != dimensions.Length) return Problems.Invalid("by", "A dimension is listed twice.");
        var rows = pledges.Run(new PledgeReport.Query(dimensions, campaignId, from, to,
            Core.Reference.Regions.Find(homeRegion)?.Code, Core.Reference.Countries.Find(country)?.Iso2), Me);
        return format switch
        {
            "csv" => File(ReportExport.Csv(ReportExport.Suppress(rows, dimensions)), "text/csv; charset=utf-8", "pledges.csv"),
            "xlsx" => File(ReportExport.Xlsx(ReportExport.Suppress(rows, dimensions)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pledges.xlsx"),
            _ => Ok(new { by = dimensions, rows }),
        };
    }

    /// <summary>Per campaign, by gender: sent → delivered → clicked → pledged → fulfilled, with the rates between them.</summary>
    [HttpGet("funnel")]
    public IActionResult Funnel(long? campaignId)
    {
        if (campaignId is not { } id) return Problems.Invalid("campaignId", "Give the campaign.");
        if (campaigns.Find(id, Scope) is null) return Problems.NotFound($"No campaign {id}.");
        static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);
        return Ok(new
        {
            campaignId = id,
            rows = messages.FunnelByGender(id).Select(f => new
            {
                gender = f.Gender, sent = f.Sent, delivered = f.Delivered, clicked = f.Clicked, pledged = f.Pledged, fulfilled = f.Fulfilled,
                pledgedUsd = f.PledgedUsd, clickRate = Rate(f.Clicked, f.Sent), pledgeRate = Rate(f.Pledged, f.Sent), fulfilRate = Rate(f.Fulfilled, f.Pledged),
            }),
        });
    }

    [HttpGet("crosstab")]
    public IActionResult Crosstab(string? rows, string? cols)
    {
        if (rows is null || !CrossTab.Attributes.ContainsKey(rows))
            return Problems.Invalid("rows", $"Use one of {string.Join(", ", CrossTab.Attributes.Keys)}.");
        if (cols is null || !CrossTab.Attributes.ContainsKey(cols))
            return Problems.Invalid("cols", $"Use one of {string.Join(", ", CrossTab.Attributes.Keys)}.");
        var result = crossTab.Run(rows, cols, Me);
        return Ok(new
        {
            rowAttribute = rows, colAttribute = cols,
            rows = result.Rows, cols = result.Cols, counts = result.Counts,
            colPercents = result.ColPercents, rowPercents = result.RowPercents,
            rowTotals = result.RowTotals, colTotals = result.ColTotals, total = result.Total,
        });
    }
}
