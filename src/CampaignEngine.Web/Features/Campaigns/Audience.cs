using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Features.Sending;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

internal sealed record AudienceCell
{
    public string Country { get; init; } = null!;
    public string Gender { get; init; } = null!;
    public string Channel { get; init; } = null!;
    public long Count { get; init; }
}

/// <summary>
/// The preview of who a campaign reaches: counts by country × gender × channel ("none" = unreachable), and how many of
/// the reachable the launch would write to but the send would skip for their own limits: <paramref name="Capped"/>
/// (their monthly cap is used up) and <paramref name="Paused"/> (they paused messages until a later day).
/// </summary>
internal sealed record AudiencePreview(long Total, IReadOnlyList<AudienceCell> Cells, long Capped = 0, long Paused = 0)
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
    /// <summary>A person of the audience who set preferences on their own page: the few whose count the preview corrects.</summary>
    private sealed record PersonWithPreferences
    {
        public long Id { get; init; }
        public string Country { get; init; } = "";
        public string Gender { get; init; } = "";
        public long Mask { get; init; }
        public string TimeZone { get; init; } = "UTC";
        public string? ChannelOrder { get; init; }
        public int? MaxPerMonth { get; init; }
        public string? PausedUntil { get; init; }
    }

    public AudiencePreview Preview(ModuleManifest module, Segment segment, IReadOnlyList<string> channels, string? scopeRegion)
    {
        var filter = AudienceSql.Build(module, segment, clock.GetUtcNow().Year, scopeRegion);
        using var connection = db.Open();
        // Groups of (region, country, gender, reachable channels), which the campaign's priority order then turns into
        // the chosen channel here. Same people, same channel as AudienceSql.ChosenChannel in the launch.
        var groups = connection.Query<(string Country, string Gender, long Mask, long Count)>(
            SqlList.On(connection, CellsAnswer(segment) ? CellsSql(filter.Where) : GroupsSql(filter.Where)), filter.Parameters);
        var counts = groups
            .GroupBy(g => (g.Country, g.Gender, Channel: AudienceSql.ChannelOf(g.Mask, channels) ?? AudiencePreview.Unreachable))
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var (capped, paused) = CorrectForPreferences(connection, filter, channels, counts);
        var cells = counts.Where(c => c.Value > 0)
            .Select(c => new AudienceCell { Country = c.Key.Country, Gender = c.Key.Gender, Channel = c.Key.Channel, Count = c.Value })
            .OrderBy(c => c.Country, StringComparer.Ordinal).ThenBy(c => c.Gender, StringComparer.Ordinal).ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToList();
        return new AudiencePreview(cells.Sum(c => c.Count), cells, capped, paused);
    }

    /// <summary>
    /// The people of the audience who set preferences on their own page, read apart (the preference table is small and
    /// the grouped count above reads one index alone): each one who ranks the channels their own way moves to the
    /// channel the launch will choose for them, and those the send will skip for their pause or their used-up monthly
    /// cap are counted, by the same rules as the dispatcher (<see cref="PersonalLimits"/>).
    /// </summary>
    private (long Capped, long Paused) CorrectForPreferences(System.Data.IDbConnection connection, AudienceSql.Filter filter,
        IReadOnlyList<string> channels, Dictionary<(string Country, string Gender, string Channel), long> counts)
    {
        var people = connection.Query<PersonWithPreferences>(SqlList.On(connection, PreferencesSql(filter.Where)), filter.Parameters).ToList();
        var now = clock.GetUtcNow();
        var sent = PersonalLimits.SentThisMonth(connection, people.Where(p => p.MaxPerMonth is not null).Select(p => (p.Id, p.TimeZone)), now);
        long capped = 0, paused = 0;
        foreach (var person in people)
        {
            var byCampaign = AudienceSql.ChannelOf(person.Mask, channels);
            var chosen = AudienceSql.ChannelOf(person.Mask, AudienceSql.PersonalOrder(channels, person.ChannelOrder?.Split(';', StringSplitOptions.RemoveEmptyEntries)));
            if (chosen != byCampaign)
            {
                counts[(person.Country, person.Gender, byCampaign ?? AudiencePreview.Unreachable)]--;
                var to = (person.Country, person.Gender, chosen ?? AudiencePreview.Unreachable);
                counts[to] = counts.GetValueOrDefault(to) + 1;
            }
            if (chosen is null) continue;
            var limits = new BatchContext.SendPreferences(null, person.MaxPerMonth,
                person.PausedUntil is { } day ? DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null);
            switch (PersonalLimits.Holds(limits, person.TimeZone, sent.GetValueOrDefault(person.Id), now))
            {
                case PersonalLimits.Capped: capped++; break;
                case PersonalLimits.Paused: paused++; break;
            }
        }
        return (capped, paused);
    }

    /// <summary>
    /// The audience's people who set preferences. CROSS JOIN keeps SQLite reading the preferences first and looking each
    /// person up: left to its planner, it walked the whole audience (540,000 entries for a national module) and probed the
    /// preferences for each, which cost more than the rest of the preview.
    /// </summary>
    internal static string PreferencesSql(string where) => $"""
        SELECT c.id AS Id, c.country AS Country, c.gender AS Gender, {AudienceSql.ReachMask} AS Mask, c.time_zone AS TimeZone,
               p.channel_order AS ChannelOrder, p.max_per_month AS MaxPerMonth, p.paused_until AS PausedUntil
        FROM directory_preference p CROSS JOIN directory_compatriot c
        WHERE c.id = p.compatriot_id AND {where}
        """;

    /// <summary>
    /// Whether the audience cells (migration 0048, kept by triggers) can count this segment: they hold every column the
    /// filter reads but the birth year and the organisation, whose segments count the people themselves.
    /// </summary>
    internal static bool CellsAnswer(Segment segment) => segment.AgeBands is not { Length: > 0 } && segment.OrganizationId is null;

    /// <summary>
    /// The preview's query over the cells: the same filter (the cells' columns are named as the directory's), summed
    /// by (region, country, gender, reach mask) in the order of ix_audience_cell, so it needs no sort.
    /// </summary>
    internal static string CellsSql(string where) => $"""
        SELECT c.country, c.gender, c.mask, CAST(SUM(c.people) AS bigint)
        FROM directory_audience_cell c
        WHERE {where}
        GROUP BY c.home_region, c.country, c.gender, c.mask
        """;

    /// <summary>The preview's query over the people: counted by (region, country, gender, reach mask) in the order of ix_compatriot_reach.</summary>
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
            SqlList.On(connection, $"SELECT c.id FROM directory_compatriot c WHERE {filter.Where} AND c.language = @language ORDER BY c.id LIMIT 1"),
            filter.Parameters);
    }
}
