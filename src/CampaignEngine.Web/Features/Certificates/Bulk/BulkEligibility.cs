using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates.Bulk;

/// <summary>
/// Who qualifies for a bulk issuance. What counts is what arrived and was approved (money in USD at each fulfilment's
/// rate, hours), never the promised amount. <c>From</c>/<c>To</c> are days in Kyrgyz time (both inclusive) on which the
/// fulfilment was recorded. Thresholds: with neither <c>MinUsd</c> nor <c>MinHours</c> any approved contribution counts;
/// with one or both, reaching either is enough (a volunteer's hours count as much as a donor's dollars).
/// <c>IncludeUnfulfilled</c> also counts what open pledges (pledged, confirmed, partly fulfilled) still promise, by the
/// day they were made — the caller must say so explicitly.
/// </summary>
internal sealed record BulkCriteria(
    string? ModuleId, long? CampaignId, long? ProjectId, DateOnly? From, DateOnly? To, decimal? MinUsd, decimal? MinHours,
    string? Kind, string? Language, string? Reason, bool HonourRoll, bool IncludeUnfulfilled, bool DeliverToHolders = false);

/// <summary>One person the preview found, with what they gave and whether they already hold such a certificate.</summary>
internal sealed record BulkCandidate(long CompatriotId, string FullName, string Language, string? HomeRegion, int Pledges, decimal Usd, decimal Hours, string? ExistingSerial);

internal sealed class BulkEligibility(Db db, IContributionTotals contributions)
{
    public const int MaxCandidates = 2000;

    /// <summary>
    /// The people whose approved contributions to the module reach the thresholds (see <see cref="ContributionSelection"/>
    /// for which pledges are the module's), by name, at most <see cref="MaxCandidates"/> + 1 so the caller can tell
    /// that there were more. People whose data were erased are left out: there is no name to print.
    /// </summary>
    /// <param name="homeRegion">The caller's scope: only natives of it are named (null: everyone).</param>
    public IReadOnlyList<BulkCandidate> Find(ModuleManifest module, BulkCriteria criteria, string? homeRegion)
    {
        var kyrgyz = TimeSpan.FromHours(6);
        DateTimeOffset? from = criteria.From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), kyrgyz) : null;
        DateTimeOffset? to = criteria.To is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), kyrgyz) : null;
        var totals = contributions.PerPerson(new ContributionSelection(module.Id, module.Scope == ModuleScope.National, module.Regions.ToList(),
                criteria.CampaignId, criteria.ProjectId, from, to, criteria.IncludeUnfulfilled))
            .Where(total => Reaches(total, criteria))
            .ToDictionary(total => total.CompatriotId);
        if (totals.Count == 0) return [];

        using var connection = db.Open();
        // A null parameter tested alone has no type PostgreSQL can infer (42P08): the test names it.
        return connection.Query<Person>("""
            SELECT c.id AS CompatriotId, c.full_name AS FullName, c.language AS Language, c.home_region AS HomeRegion,
                   (SELECT x.serial FROM certificate x
                    WHERE x.compatriot_id = c.id AND x.module_id = @moduleId AND x.kind = @kind AND x.status = 'valid'
                      AND (CAST(@from AS TEXT) IS NULL OR x.issued_at >= @from)
                    ORDER BY x.issued_at DESC LIMIT 1) AS ExistingSerial
            FROM directory_compatriot c
            WHERE c.id IN (SELECT value FROM json_each(@ids)) AND c.erased_at IS NULL AND (CAST(@homeRegion AS TEXT) IS NULL OR c.home_region = @homeRegion)
            ORDER BY c.full_name, c.id
            LIMIT @limit
            """, new { moduleId = module.Id, kind = criteria.Kind, from, ids = JsonIds.Of(totals.Keys), homeRegion, limit = MaxCandidates + 1 })
            .Select(p =>
            {
                var total = totals[p.CompatriotId];
                return new BulkCandidate(p.CompatriotId, p.FullName, p.Language, p.HomeRegion, total.Pledges, total.Usd, total.Hours, p.ExistingSerial);
            })
            .ToList();
    }

    private static bool Reaches(ContributionTotal total, BulkCriteria criteria) =>
        (criteria.MinUsd, criteria.MinHours) switch
        {
            (null, null) => true,
            (decimal usd, null) => total.Usd >= usd,
            (null, decimal hours) => total.Hours >= hours,
            (decimal usd, decimal hours) => total.Usd >= usd || total.Hours >= hours,
        };

    private sealed class Person
    {
        public long CompatriotId { get; init; }
        public string FullName { get; init; } = "";
        public string Language { get; init; } = "";
        public string? HomeRegion { get; init; }
        public string? ExistingSerial { get; init; }
    }
}
