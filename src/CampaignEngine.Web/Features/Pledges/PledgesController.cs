using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Reports;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Pledges;

internal sealed record PledgeListItem
{
    public long Id { get; init; }
    public long CompatriotId { get; init; }
    public string FullName { get; init; } = null!;
    public string Kind { get; init; } = null!;
    public string? ContributionType { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public decimal? AmountUsd { get; init; }
    public decimal? Hours { get; init; }
    public string Status { get; init; } = null!;
    public string RecordedBy { get; init; } = null!;
    public string Gender { get; init; } = null!;
    public string Country { get; init; } = null!;
    public long? CampaignId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? Standing { get; init; }
    public DateTimeOffset? StandingAt { get; init; }
}

[Route("pledges"), Authorize(Policy = Roles.Staff)]
internal sealed class PledgesController(Db db, PledgeReport report) : Controller
{
    [HttpGet("")]
    public IActionResult Index(long? campaignId)
    {
        var me = HttpContext.CurrentUser();
        var scope = AccessScope.Of(me).ForPeopleById("p.home_region", "p.compatriot_id");
        using var connection = db.Open();
        var items = connection.Query<PledgeListItem>($"""
            SELECT p.id, p.compatriot_id AS CompatriotId, c.full_name AS FullName, p.kind, p.contribution_type AS ContributionType,
                   p.amount, p.currency, p.amount_usd AS AmountUsd, p.hours, p.status, p.recorded_by AS RecordedBy,
                   p.gender, p.country, p.campaign_id AS CampaignId, p.created_at AS CreatedAt,
                   p.standing, p.standing_at AS StandingAt
            FROM pledge p JOIN directory_compatriot c ON c.id = p.compatriot_id
            WHERE {scope.Sql} AND (@campaignId IS NULL OR p.campaign_id = @campaignId)
            ORDER BY p.id DESC LIMIT 200
            """, scope.With(new { campaignId })).ToList();
        var byGender = report.Run(new PledgeReport.Query(["gender"], campaignId, null, null), me);
        return View((items, byGender));
    }
}
