using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

public sealed record AudienceCell
{
    public string Country { get; init; } = null!;
    public string Gender { get; init; } = null!;
    public string Channel { get; init; } = null!;
    public long Count { get; init; }
}

/// <summary>The preview of who a campaign reaches: counts by country × gender × channel ("none" = unreachable).</summary>
public sealed record AudiencePreview(long Total, IReadOnlyList<AudienceCell> Cells)
{
    public const string Unreachable = "none";

    public long UnreachableCount => Cells.Where(c => c.Channel == Unreachable).Sum(c => c.Count);

    public IReadOnlyDictionary<string, long> ByChannel => Cells
        .Where(c => c.Channel != Unreachable)
        .GroupBy(c => c.Channel)
        .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
}

public sealed class Audience(Db db, TimeProvider clock)
{
    public AudiencePreview Preview(ModuleManifest module, Segment segment, IReadOnlyList<string> channels, string? scopeRegion)
    {
        var filter = AudienceSql.Build(module, segment, clock.GetUtcNow().Year, scopeRegion);
        using var connection = db.Open();
        var cells = connection.Query<AudienceCell>($"""
            SELECT c.country AS Country, c.gender AS Gender,
                   COALESCE({AudienceSql.ChosenChannel(channels)}, '{AudiencePreview.Unreachable}') AS Channel,
                   COUNT(*) AS Count
            FROM directory_compatriot c
            WHERE {filter.Where}
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            """, filter.Parameters).ToList();
        return new AudiencePreview(cells.Sum(c => c.Count), cells);
    }

    /// <summary>A real member of the audience speaking <paramref name="language"/>, for previews; null when there is none.</summary>
    public long? SampleRecipient(ModuleManifest module, Segment segment, string language, string? scopeRegion)
    {
        var filter = AudienceSql.Build(module, segment, clock.GetUtcNow().Year, scopeRegion);
        filter.Parameters.Add("language", language);
        using var connection = db.Open();
        return connection.ExecuteScalar<long?>(
            $"SELECT c.id FROM directory_compatriot c WHERE {filter.Where} AND c.language = @language ORDER BY c.id LIMIT 1",
            filter.Parameters);
    }
}
