using System.Globalization;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Reports;

/// <summary>
/// Pledges grouped by any of the snapshot dimensions. Women, men and other/unknown are separate rows
/// whenever gender is a dimension, even when a group is empty, because the ministry asks for it.
/// By gender alone over everything comes from the totals that migration 0020's triggers keep (pledge_total).
/// </summary>
internal sealed class PledgeReport(Db db, PledgeColumns columns)
{
    private readonly IReportEngine _engine = ReportEngines.For(db);

    public static readonly IReadOnlyDictionary<string, string> Dimensions = new Dictionary<string, string>
    {
        ["gender"] = "p.gender",
        ["country"] = "p.country",
        ["ageBand"] = "p.age_band",
        ["homeRegion"] = "COALESCE(p.home_region, 'unknown')",
        ["kind"] = "p.kind",
        ["contributionType"] = "COALESCE(p.contribution_type, 'unknown')",
        ["sector"] = "COALESCE(p.sector, 'unknown')",
        ["campaignId"] = "p.campaign_id",
        ["month"] = "substr(p.created_at, 1, 7)",
        ["status"] = "p.status",
        ["project"] = "p.project_id",
    };

    /// <summary>
    /// What to group by and which pledges to count: of one campaign, made in [From, To), by natives of one home region
    /// (an ISO code as the pledge's snapshot holds it), by people living in one country (ISO alpha-2).
    /// </summary>
    public sealed record Query(IReadOnlyList<string> By, long? CampaignId, DateTimeOffset? From, DateTimeOffset? To,
        string? HomeRegion = null, string? Country = null)
    {
        public bool Filtered => CampaignId is not null || From is not null || To is not null || HomeRegion is not null || Country is not null;
    }

    public IReadOnlyList<IDictionary<string, object?>> Run(Query query, CurrentUser user)
    {
        // By gender over everything (every report page's totals row): from the totals kept by migration 0020's
        // triggers, unless some pledge holds a value they cannot sum exactly.
        if (query is { By: ["gender"], Filtered: false } && AccessScope.Of(user).SeesAll
            && ByGenderFromTotals() is { } totals)
            return WithEveryGender(totals);
        if (FromColumns(query, AccessScope.Of(user)) is { } rows)
            return query.By is ["gender"] ? WithEveryGender(rows.ToList()) : rows;
        return Detail(query, user);
    }

    /// <summary>
    /// Any filter and dimensions from the live pledges' columns held in memory (<see cref="PledgeColumns"/>), for
    /// users who see every pledge or an oblast's: a million pledges in one pass of a few milliseconds, where the detail
    /// query read the wide table (0.5–3 s of CPU). A leader's members are found in the directory, so their report,
    /// and any the columns cannot give exactly, stays with the detail query.
    /// </summary>
    private IReadOnlyList<IDictionary<string, object?>>? FromColumns(Query query, AccessScope scope) =>
        scope.SeesAll ? columns.TryRun(query, scopeRegion: null)
        : scope.Region is { } region ? columns.TryRun(query, region)
        : null;

    /// <summary>The report from the pledges themselves; any dimensions, filters and scope.</summary>
    internal IReadOnlyList<IDictionary<string, object?>> Detail(Query query, CurrentUser user)
    {
        var scope = AccessScope.Of(user).ForPeopleById("p.home_region", "p.compatriot_id");
        var columns = query.By.Select(d => $"{_engine.Dimension(d)} AS \"{d}\"").ToList();
        var select = columns.Count == 0 ? "" : string.Join(", ", columns) + ", ";
        var groupBy = query.By.Count == 0 ? "" : "GROUP BY " + string.Join(", ", query.By.Select((_, i) => i + 1));
        var orderBy = query.By.Count == 0 ? "" : _engine.OrderBy(query.By.Count);
        // Only the filters given are written into the query: "(@x IS NULL OR …)" would keep SQLite from using an index.
        var filters = (query.CampaignId is null ? "" : " AND p.campaign_id = @campaignId")
            + (query.From is null ? "" : $" AND {_engine.CreatedAt} >= @from")
            + (query.To is null ? "" : $" AND {_engine.CreatedAt} < @to")
            + (query.HomeRegion is null ? "" : " AND p.home_region = @homeRegion")
            + (query.Country is null ? "" : " AND p.country = @country");
        using var connection = db.Open();
        var rows = connection.Query($"""
            SELECT {select}
                   COUNT(*) AS "count",
                   COUNT(DISTINCT p.compatriot_id) AS "donors",
                   ROUND(COALESCE(SUM(p.amount_usd), 0), 2) AS "amountUsd",
                   ROUND(COALESCE(SUM(p.amount_kgs), 0), 2) AS "amountKgs",
                   ROUND(COALESCE(SUM(p.fulfilled_usd), 0), 2) AS "fulfilledUsd",
                   COALESCE(SUM(p.hours), 0) AS "hours",
                   SUM(CASE WHEN p.status = 'fulfilled' THEN 1 ELSE 0 END) AS "fulfilled"
            FROM pledge p{(WalksTheTable(query) ? _engine.WalkHint : "")}
            WHERE p.status NOT IN ('cancelled', 'written_off') AND {scope.Sql}{filters}
            {groupBy}
            {orderBy}
            """, scope.With(new { campaignId = query.CampaignId, from = query.From, to = query.To, homeRegion = query.HomeRegion, country = query.Country }))
            .Select(r => _engine.Normalized(new Dictionary<string, object?>((IDictionary<string, object?>)r)))
            .ToList();
        return query.By is ["gender"] ? WithEveryGender(rows) : rows;
    }

    /// <summary>
    /// Whether the detail query reads the table straight through: filtered by date, home region or country and by
    /// gender, SQLite walked an index in gender order (ix_pledge_report, dropped by 0064) and looked up every pledge's row
    /// to test the filter — 2.3 s of CPU for a region on 1,000,000 pledges, against 0.4 s reading the table. The hint
    /// keeps it so should an index on gender come back. A campaign filter keeps its own index (ix_pledge_campaign).
    /// </summary>
    internal static bool WalksTheTable(Query query) =>
        query.CampaignId is null && (query.From is not null || query.To is not null || query.HomeRegion is not null || query.Country is not null);

    /// <summary>
    /// The by-gender rows from pledge_total, with the detail query's column names and value types (hours as an
    /// integer: the totals hold whole hours only); null when a live pledge has a value kept out of the totals
    /// (fractions of a cent, fractional hours), which only the detail query adds up as before.
    /// </summary>
    private List<IDictionary<string, object?>>? ByGenderFromTotals()
    {
        using var connection = db.Open();
        var totals = connection.Query<(string Gender, long Pledges, long Donors, long UsdCents, long KgsCents, long FulfilledUsdCents, long Hours, long Fulfilled, long Inexact)>(
            "SELECT gender, pledges, donors, usd_cents, kgs_cents, fulfilled_usd_cents, hours, fulfilled, inexact FROM pledge_total WHERE pledges > 0 OR inexact <> 0").ToList();
        if (totals.Any(t => t.Inexact != 0)) return null;
        // ROUND(SUM(…), 2) prints the sum with two decimals and reads it back as the nearest double; for amounts stored
        // in whole cents that is the exact sum in cents, printed and read back the same way here.
        static double Money(long cents) => double.Parse((cents / 100m).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return totals.Select(t => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["gender"] = t.Gender, ["count"] = t.Pledges, ["donors"] = t.Donors, ["amountUsd"] = Money(t.UsdCents), ["amountKgs"] = Money(t.KgsCents),
            ["fulfilledUsd"] = Money(t.FulfilledUsdCents), ["hours"] = t.Hours, ["fulfilled"] = t.Fulfilled,
        }).ToList();
    }

    private static List<IDictionary<string, object?>> WithEveryGender(List<IDictionary<string, object?>> rows) =>
        Core.Reference.Vocabulary.Genders
            .Select(g => rows.FirstOrDefault(r => Equals(r["gender"], g))
                ?? new Dictionary<string, object?> { ["gender"] = g, ["count"] = 0L, ["donors"] = 0L, ["amountUsd"] = 0.0, ["amountKgs"] = 0.0, ["fulfilledUsd"] = 0.0, ["hours"] = 0L, ["fulfilled"] = 0L })
            .ToList();
}
