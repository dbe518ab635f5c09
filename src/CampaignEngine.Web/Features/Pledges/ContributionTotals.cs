using CampaignEngine.Web.Features.Certificates.Bulk;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>
/// Sums approved fulfilments per person for certificates. Money counts in USD at the rate of the day the fulfilment
/// was recorded (its <c>amount_usd</c>), so a pledge of USD 500 of which 60 arrived counts 60, and one of 100 paid
/// with 120 counts 120. Fulfilments awaiting approval or rejected count nothing.
/// </summary>
internal sealed class ContributionTotals(Db db) : IContributionTotals
{
    public IReadOnlyList<ContributionTotal> PerPerson(ContributionSelection selection)
    {
        using var connection = db.Open();
        // A null parameter tested alone has no type PostgreSQL can infer: each such test names the type.
        return connection.Query<Row>($"""
            WITH counted (pledge_id, usd, hours) AS (
                SELECT f.pledge_id, f.amount_usd, f.hours
                FROM pledge_fulfilment f
                WHERE f.status = 'approved'
                  AND (CAST(@from AS TEXT) IS NULL OR f.recorded_at >= @from)
                  AND (CAST(@to AS TEXT) IS NULL OR f.recorded_at < @to)
                UNION ALL
                -- Only on the caller's explicit choice: what an open pledge still promises beyond what has arrived.
                -- CASE, not MAX(a, 0): PostgreSQL's MAX takes one argument (an aggregate), SQLite has no GREATEST.
                SELECT p.id,
                       CASE WHEN COALESCE(p.amount_usd, 0) > p.fulfilled_usd THEN COALESCE(p.amount_usd, 0) - p.fulfilled_usd ELSE 0 END,
                       CASE WHEN COALESCE(p.hours, 0) > p.fulfilled_hours THEN COALESCE(p.hours, 0) - p.fulfilled_hours ELSE 0 END
                FROM pledge p
                WHERE @includePromised = 1 AND p.status IN ('pledged', 'confirmed', 'partially_fulfilled')
                  AND (CAST(@from AS TEXT) IS NULL OR p.created_at >= @from)
                  AND (CAST(@to AS TEXT) IS NULL OR p.created_at < @to)
            )
            SELECT p.compatriot_id AS CompatriotId, COUNT(DISTINCT p.id) AS Pledges,
                   CAST(COALESCE(SUM(x.usd), 0) AS DOUBLE PRECISION) AS Usd, CAST(COALESCE(SUM(x.hours), 0) AS DOUBLE PRECISION) AS Hours
            FROM counted x
            JOIN pledge p ON p.id = x.pledge_id
            LEFT JOIN campaign k ON k.id = p.campaign_id
            WHERE (CAST(@campaignId AS BIGINT) IS NULL OR p.campaign_id = @campaignId)
              AND (CAST(@projectId AS BIGINT) IS NULL OR p.project_id = @projectId)
              AND (@allModules = 1 OR CAST(@projectId AS BIGINT) IS NOT NULL OR k.module_id = @moduleId
                   OR (p.campaign_id IS NULL AND ({db.AnyOf("p.home_region", "@regions")} OR {db.AnyOf("p.target_region", "@regions")})))
            GROUP BY p.compatriot_id
            """, new
        {
            moduleId = selection.ModuleId, allModules = selection.AllModules ? 1 : 0, regions = selection.Regions.ToArray(),
            campaignId = selection.CampaignId, projectId = selection.ProjectId, from = selection.From, to = selection.To,
            includePromised = selection.IncludePromised ? 1 : 0,
        }).Select(r => new ContributionTotal(r.CompatriotId, (int)r.Pledges, Math.Round((decimal)r.Usd, 2), Math.Round((decimal)r.Hours, 2))).ToList();
    }

    // Sums come back as doubles (SQLite has no decimal type; DOUBLE PRECISION is REAL there, float8 on PostgreSQL); rounded to cents above.
    private sealed class Row
    {
        public long CompatriotId { get; init; }
        public long Pledges { get; init; }
        public double Usd { get; init; }
        public double Hours { get; init; }
    }
}
