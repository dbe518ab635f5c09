using System.Globalization;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Reports;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Dashboard;

public sealed record DashboardPage(long Compatriots, long Campaigns, long MessagesSent, long Pledges, decimal PledgedUsd, IReadOnlyList<IDictionary<string, object?>> ByGender);

[Authorize(Policy = Roles.Staff)]
public sealed class DashboardController(Db db, PledgeReport pledges) : Controller
{
    [HttpGet("/")]
    public IActionResult Index()
    {
        var me = HttpContext.CurrentUser();
        var (scope, region, organization) = ReportScope.For(me, "c", "c.id");
        using var connection = db.Open();
        var parameters = new { scopeRegion = region, scopeOrganization = organization };
        var compatriots = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM directory_compatriot c WHERE {scope}", parameters);
        var campaigns = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM campaign");
        var sent = connection.ExecuteScalar<long>($"""
            SELECT COUNT(*) FROM send_message s JOIN directory_compatriot c ON c.id = s.compatriot_id
            WHERE s.status IN ('sent', 'delivered') AND {scope}
            """, parameters);
        var byGender = pledges.Run(new PledgeReport.Query(["gender"], null, null, null), me);
        return View(new DashboardPage(compatriots, campaigns, sent,
            byGender.Sum(r => Convert.ToInt64(r["count"], CultureInfo.InvariantCulture)), byGender.Sum(r => Convert.ToDecimal(r["amountUsd"], CultureInfo.InvariantCulture)), byGender));
    }
}
