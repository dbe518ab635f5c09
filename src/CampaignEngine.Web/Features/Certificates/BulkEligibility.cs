using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>
/// Who qualifies for a bulk issuance. <c>From</c>/<c>To</c> are days in Kyrgyz time (both inclusive) on the
/// pledge's date. Thresholds: with neither <c>MinUsd</c> nor <c>MinHours</c> any qualifying contribution counts;
/// with one or both, reaching either is enough (a volunteer's hours count as much as a donor's dollars).
/// <c>IncludeUnfulfilled</c>: until the fulfilment ledger exists, only pledges marked 'fulfilled' count, unless
/// this flag also counts 'pledged' and 'confirmed' ones — the caller must say so explicitly.
/// </summary>
public sealed record BulkCriteria(
    string? ModuleId, long? CampaignId, long? ProjectId, DateOnly? From, DateOnly? To, decimal? MinUsd, decimal? MinHours,
    string? Kind, string? Language, string? Reason, bool HonourRoll, bool IncludeUnfulfilled, bool DeliverToHolders = false);

/// <summary>One person the preview found, with what they gave and whether they already hold such a certificate.</summary>
public sealed record BulkCandidate(long CompatriotId, string FullName, string Language, string? HomeRegion, int Pledges, decimal Usd, decimal Hours, string? ExistingSerial);

public sealed class BulkEligibility(Db db)
{
    public const int MaxCandidates = 2000;

    /// <summary>
    /// Sums the module's qualifying pledges per compatriot: pledges to the module's campaigns, and pledges
    /// recorded outside any campaign by natives of (or for) its regions. The national module counts all pledges.
    /// With a project, every pledge to that project counts (the caller has checked that the project is the module's).
    /// </summary>
    /// <param name="homeRegion">The caller's scope: only natives of it are looked at (null: everyone).</param>
    public IReadOnlyList<BulkCandidate> Find(ModuleManifest module, BulkCriteria criteria, string? homeRegion)
    {
        var statuses = criteria.IncludeUnfulfilled ? new[] { "pledged", "confirmed", "fulfilled" } : ["fulfilled"];
        var kyrgyz = TimeSpan.FromHours(6);
        DateTimeOffset? from = criteria.From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), kyrgyz) : null;
        DateTimeOffset? to = criteria.To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), kyrgyz) : null;
        using var connection = db.Open();
        var rows = connection.Query<Row>("""
            SELECT c.id AS CompatriotId, c.full_name AS FullName, c.language AS Language, c.home_region AS HomeRegion,
                   COUNT(*) AS Pledges, CAST(COALESCE(SUM(p.amount_usd), 0) AS REAL) AS Usd, CAST(COALESCE(SUM(p.hours), 0) AS REAL) AS Hours,
                   (SELECT x.serial FROM certificate x
                    WHERE x.compatriot_id = c.id AND x.module_id = @moduleId AND x.kind = @kind AND x.status = 'valid'
                      AND (@from IS NULL OR x.issued_at >= @from)
                    ORDER BY x.issued_at DESC LIMIT 1) AS ExistingSerial
            FROM pledge p
            JOIN directory_compatriot c ON c.id = p.compatriot_id
            LEFT JOIN campaign k ON k.id = p.campaign_id
            WHERE p.status IN @statuses
              AND c.erased_at IS NULL AND (@homeRegion IS NULL OR c.home_region = @homeRegion)
              AND (@campaignId IS NULL OR p.campaign_id = @campaignId)
              AND (@projectId IS NULL OR p.project_id = @projectId)
              AND (@from IS NULL OR p.created_at >= @from)
              AND (@to IS NULL OR p.created_at < @to)
              AND (@national = 1 OR @projectId IS NOT NULL OR k.module_id = @moduleId
                   OR (p.campaign_id IS NULL AND (p.home_region IN @regions OR p.target_region IN @regions)))
            GROUP BY c.id, c.full_name, c.language, c.home_region
            ORDER BY c.full_name, c.id
            """, new
        {
            moduleId = module.Id, kind = criteria.Kind, statuses, homeRegion, campaignId = criteria.CampaignId, projectId = criteria.ProjectId, from, to,
            national = module.Scope == ModuleScope.National ? 1 : 0, regions = module.Regions.ToArray(),
        });
        return rows
            .Select(r => new BulkCandidate(r.CompatriotId, r.FullName, r.Language, r.HomeRegion, (int)r.Pledges,
                Math.Round((decimal)r.Usd, 2), Math.Round((decimal)r.Hours, 2), r.ExistingSerial))
            .Where(c => Reaches(c, criteria))
            .Take(MaxCandidates + 1)
            .ToList();
    }

    private static bool Reaches(BulkCandidate candidate, BulkCriteria criteria) =>
        (criteria.MinUsd, criteria.MinHours) switch
        {
            (null, null) => true,
            (decimal usd, null) => candidate.Usd >= usd,
            (null, decimal hours) => candidate.Hours >= hours,
            (decimal usd, decimal hours) => candidate.Usd >= usd || candidate.Hours >= hours,
        };

    private sealed class Row
    {
        public long CompatriotId { get; init; }
        public string FullName { get; init; } = "";
        public string Language { get; init; } = "";
        public string? HomeRegion { get; init; }
        public long Pledges { get; init; }
        public double Usd { get; init; }
        public double Hours { get; init; }
        public string? ExistingSerial { get; init; }
    }
}
