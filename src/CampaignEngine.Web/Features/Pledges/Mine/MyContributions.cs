using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges.Mine;

/// <summary>An approved fulfilment as its giver reads it: when, how much, and the evidence it was approved on.</summary>
internal sealed record MyFulfilment(DateTimeOffset At, decimal? Amount, string? Currency, decimal? Hours, string? Evidence);

/// <summary>One of the person's pledges with what arrived of it. Fulfilments awaiting approval are only counted, never listed as given.</summary>
internal sealed record MyPledge(PledgeRow Pledge, string? CampaignTitle, LocalizedText? Project, IReadOnlyList<MyFulfilment> Approved, int Awaiting)
{
    /// <summary>What arrived in the pledge's own currency, when every approved payment came in it; otherwise null (the page then says USD).</summary>
    public decimal? ArrivedInCurrency =>
        Approved.Count > 0 && Approved.All(f => f.Currency == Pledge.Currency) ? Approved.Sum(f => f.Amount ?? 0) : null;
}

/// <summary>The person's contributions section and the projects they support, read in one go for one page.</summary>
internal sealed record MyContributionsModel(string Token, string Language, IReadOnlyList<MyPledge> Pledges, bool More, IReadOnlyList<ProjectNews> Projects,
    IReadOnlyDictionary<long, DateTimeOffset> FirstPledged);

/// <summary>
/// Everything the person's page shows of their giving: their pledges newest first (with the campaign's public title,
/// never its internal name), each pledge's approved fulfilments, and the projects they gave to with the news since.
/// Three indexed reads of the pledge tables (by person, by pledge) and one call to the projects' port.
/// </summary>
internal sealed class MyContributions(Db db, ModuleRegistry modules, IProjectNews news)
{
    public const int MaxPledges = 200;
    public const int UpdatesPerProject = 5;

    public MyContributionsModel For(long compatriotId, string token, string language)
    {
        using var connection = db.Open();
        var rows = connection.Query<PledgeRow, CampaignOfPledge?, (PledgeRow Pledge, CampaignOfPledge? Campaign)>($"""
            SELECT {PledgeStore.Columns}, c.name AS CampaignName, c.title_ky AS TitleKy, c.title_ru AS TitleRu, c.title_en AS TitleEn,
                   c.module_id AS ModuleId
            FROM pledge p LEFT JOIN campaign c ON c.id = p.campaign_id
            WHERE p.compatriot_id = @compatriotId
            ORDER BY p.created_at DESC, p.id DESC LIMIT @limit
            """, (pledge, campaign) => (pledge, campaign), new { compatriotId, limit = MaxPledges + 1 }, splitOn: "CampaignName").ToList();
        var shown = rows.Take(MaxPledges).ToList();
        var fulfilments = connection.Query<FulfilmentLine>("""
            SELECT f.pledge_id AS PledgeId, f.status, f.recorded_at AS At, f.amount, f.currency, f.hours, f.evidence
            FROM pledge p JOIN pledge_fulfilment f ON f.pledge_id = p.id
            WHERE p.compatriot_id = @compatriotId AND f.status IN ('approved', 'awaiting_approval')
            ORDER BY f.recorded_at, f.id
            """, new { compatriotId }).ToLookup(f => f.PledgeId);
        // Every pledge to a project counts for "since", even beyond the page's newest two hundred.
        var firstPledged = connection.Query<FirstPledge>("""
            SELECT project_id AS ProjectId, MIN(created_at) AS At FROM pledge WHERE compatriot_id = @compatriotId AND project_id IS NOT NULL GROUP BY project_id
            """, new { compatriotId }).ToDictionary(r => r.ProjectId, r => r.At);
        var projects = firstPledged.Count == 0 ? [] : news.Since(firstPledged, UpdatesPerProject);
        var titles = projects.ToDictionary(p => p.ProjectId, p => p.Title);
        var pledges = shown.Select(r => new MyPledge(r.Pledge, r.Campaign?.PublicTitle(language, modules),
            r.Pledge.ProjectId is { } project && titles.TryGetValue(project, out var title) ? title : null,
            [.. fulfilments[r.Pledge.Id].Where(f => f.Status == "approved").Select(f => new MyFulfilment(f.At, f.Amount, f.Currency, f.Hours, f.Evidence))],
            fulfilments[r.Pledge.Id].Count(f => f.Status == "awaiting_approval"))).ToList();
        return new MyContributionsModel(token, language, pledges, rows.Count > MaxPledges, projects, firstPledged);
    }

    private sealed record FirstPledge
    {
        public long ProjectId { get; init; }
        public DateTimeOffset At { get; init; }
    }

    private sealed record FulfilmentLine
    {
        public long PledgeId { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public decimal? Amount { get; init; }
        public string? Currency { get; init; }
        public decimal? Hours { get; init; }
        public string? Evidence { get; init; }
    }

    /// <summary>The campaign a pledge answered, as read beside it (null for a pledge recorded without one).</summary>
    private sealed record CampaignOfPledge
    {
        public string CampaignName { get; init; } = "";
        public string? TitleKy { get; init; }
        public string? TitleRu { get; init; }
        public string? TitleEn { get; init; }
        public string ModuleId { get; init; } = "";

        /// <summary>The campaign's public title in the reader's language; none for a campaign known only by its internal name.</summary>
        public string? PublicTitle(string language, ModuleRegistry modules)
        {
            var title = new CampaignTitle(CampaignName, TitleKy, TitleRu, TitleEn);
            return title.HasPublicTitle ? title.For(language, modules.Find(ModuleId)?.Languages) : null;
        }
    }
}
