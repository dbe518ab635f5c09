using System.Globalization;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Nominations;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Reports;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Dashboard;

internal sealed record DashboardPage(
    long Compatriots, long Campaigns, long MessagesSent, long Pledges, decimal PledgedUsd, IReadOnlyList<IDictionary<string, object?>> ByGender,
    WaitingWork Waiting);

/// <summary>What waits for this user, oldest first; anything older than <see cref="OverdueAfter"/> is marked overdue.</summary>
/// <param name="Offers">Offers from project pages waiting for a call in this user's scope, and since when the oldest waits.</param>
internal sealed record WaitingWork(IReadOnlyList<FulfilmentRow> Fulfilments, IReadOnlyList<NominationRecord> Nominations, DateTimeOffset Now,
    (int Count, DateTimeOffset? Oldest) Offers = default)
{
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromDays(5);

    public bool IsEmpty => Fulfilments.Count == 0 && Nominations.Count == 0 && Offers.Count == 0;

    public bool IsOverdue(DateTimeOffset since) => Now - since > OverdueAfter;
}

[Authorize(Policy = Roles.Staff)]
internal sealed class DashboardController(
    Db db, PledgeReport pledges, Fulfilments fulfilments, CertificateNominations nominations, Pledges.Offers.OfferStore offers, TimeProvider clock) : Controller
{
    [HttpGet("/")]
    public IActionResult Index()
    {
        var me = HttpContext.CurrentUser();
        var scope = AccessScope.Of(me).ForPeople("c.home_region", "c.organization_id");
        using var connection = db.Open();
        var parameters = scope.With();
        var compatriots = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM directory_compatriot c WHERE {scope.Sql}", parameters);
        var campaigns = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM campaign");
        var sent = connection.ExecuteScalar<long>($"""
            SELECT COUNT(*) FROM send_message s JOIN directory_compatriot c ON c.id = s.compatriot_id
            WHERE s.status IN ('sent', 'delivered') AND {scope.Sql}
            """, parameters);
        var byGender = pledges.Run(new PledgeReport.Query(["gender"], null, null, null), me);
        return View(new DashboardPage(compatriots, campaigns, sent,
            byGender.Sum(r => Convert.ToInt64(r["count"], CultureInfo.InvariantCulture)), byGender.Sum(r => Convert.ToDecimal(r["amountUsd"], CultureInfo.InvariantCulture)), byGender,
            Waiting(me)));
    }

    private WaitingWork Waiting(CurrentUser me) => new(
        fulfilments.AwaitingApprovalBy(me),
        me.Role == Roles.Leader ? [] : nominations.List(me, NominationStatus.Pending).OrderBy(n => n.CreatedAt).Take(20).ToList(),
        clock.GetUtcNow(),
        offers.WaitingCount(me));
}
