using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

internal sealed record AudienceCell
{
    public string Country { get; init; } = null!;
    public string Gender { get; init; } = null!;
    public string Channel { get; init; } = null!;
    public long Count { get; init; }
}

/// <summary>The preview of who a campaign reaches: counts by country × gender × channel ("none" = unreachable).</summary>
internal sealed record AudiencePreview(long Total, IReadOnlyList<AudienceCell> Cells)
{
    public const string Unreachable = "none";

    public long UnreachableCount => Cells.Where(c => c.Channel == Unreachable).Sum(c => c.Count);

    public IReadOnlyDictionary<string, long> ByChannel => Cells
        .Where(c => c.Channel != Unreachable)
        .GroupBy(c => c.Channel)
        .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
}

internal sealed class Audience(Db db, TimeProvider clock)
{
    public AudiencePreview Preview(ModuleManifest module, Segment segment, IReadOnlyList<string> channels, string? scopeRegion)
    {
        var filter = AudienceSql.Build(module, segment, clock.GetUtcNow().Year, scopeRegion);
        using var connection = db.Open();
        // Grouped in the order of ix_compatriot_reach (0019), so SQLite reads that index alone and needs no sort: a few
        // hundred groups of (region, country, gender, reachable channels), which the campaign's priority order then
        // turns into the chosen channel here. Same people, same channel as AudienceSql.ChosenChannel in the launch.
        var groups = connection.Query<(string Country, string Gender, long Mask, long Count)>(GroupsSql(filter.Where), filter.Parameters);
        var cells = groups
            .GroupBy(g => (g.Country, g.Gender, Channel: AudienceSql.ChannelOf(g.Mask, channels) ?? AudiencePreview.Unreachable))
            .Select(g => new AudienceCell { Country = g.Key.Country, Gender = g.Key.Gender, Channel = g.Key.Channel, Count = g.Sum(x => x.Count) })
            .OrderBy(c => c.Country, StringComparer.Ordinal).ThenBy(c => c.Gender, StringComparer.Ordinal).ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToList();
        return new AudiencePreview(cells.Sum(c => c.Count), cells);
    }

    /// <summary>The preview's query: people counted by (region, country, gender, reach mask) in the order of ix_compatriot_reach.</summary>
    internal static string GroupsSql(string where) => $"""
        SELECT c.country, c.gender, {AudienceSql.ReachMask} AS mask, COUNT(*)
        FROM directory_compatriot c
        WHERE {where}
        GROUP BY c.home_region, c.country, c.gender, mask
        """;

    /// <summary>
    /// The people a system campaign has messages for, by country × gender × channel of those messages; an oblast user
    /// counts only its region's natives, as in <see cref="Preview"/>.
    /// </summary>
    public AudiencePreview OfLedger(long campaignId, string? scopeRegion)
    {
        using var connection = db.Open();
        var cells = connection.Query<AudienceCell>("""
            SELECT c.country AS Country, c.gender AS Gender, s.channel AS Channel, COUNT(DISTINCT s.compatriot_id) AS Count
            FROM send_message s JOIN directory_compatriot c ON c.id = s.compatriot_id
            WHERE s.campaign_id = @campaignId AND (@scopeRegion IS NULL OR c.home_region = @scopeRegion)
            GROUP BY c.country, c.gender, s.channel
            ORDER BY c.country, c.gender, s.channel
            """, new { campaignId, scopeRegion }).ToList();
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
