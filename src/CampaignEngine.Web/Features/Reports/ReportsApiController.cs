using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Reports;

[Route("api/reports")]
public sealed class ReportsApiController(PledgeReport pledges, CrossTab crossTab) : ApiControllerBase
{
    [HttpGet("pledges")]
    public IActionResult Pledges(string? by, long? campaignId, DateTimeOffset? from, DateTimeOffset? to)
    {
        var dimensions = (by ?? "gender").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dimensions.FirstOrDefault(d => !PledgeReport.Dimensions.ContainsKey(d)) is { } unknown)
            return Problems.Invalid("by", $"Unknown dimension '{unknown}'; use {string.Join(", ", PledgeReport.Dimensions.Keys)}.");
        if (dimensions.Distinct().Count() != dimensions.Length) return Problems.Invalid("by", "A dimension is listed twice.");
        return Ok(new { by = dimensions, rows = pledges.Run(new PledgeReport.Query(dimensions, campaignId, from, to), Me) });
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
