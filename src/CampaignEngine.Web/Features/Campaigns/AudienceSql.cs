using System.Globalization;
using System.Text;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// Turns a module's targeting plus an officer's segment into one SQL filter over
/// <c>directory_compatriot c</c>. The same filter serves the preview counts and the launch, so what
/// the officer saw is what gets written to the ledger.
/// </summary>
internal static class AudienceSql
{
    public sealed record Filter(string Where, DynamicParameters Parameters);

    /// <summary>The people a launch reads: each compatriot <c>c</c> with the preferences <c>p</c> they set on their own page, if any.</summary>
    public const string People = "directory_compatriot c LEFT JOIN directory_preference p ON p.compatriot_id = c.id";

    public static Filter Build(ModuleManifest module, Segment segment, int currentYear, string? scopeRegion)
    {
        var where = new StringBuilder("c.home_region IN @regions");
        var p = new DynamicParameters();
        p.Add("regions", scopeRegion is null ? module.Regions : module.Regions.Where(r => r == scopeRegion).ToArray());
        // A module that names no country addresses its natives wherever they live: no country condition at all.
        var countries = segment.Countries is { Length: > 0 } chosen ? chosen : module.Countries;
        if (countries.Count > 0)
        {
            where.Append(" AND c.country IN @countries");
            p.Add("countries", countries);
        }
        if (segment.Genders is { Length: > 0 } genders)
        {
            where.Append(" AND c.gender IN @genders");
            p.Add("genders", genders);
        }
        if (segment.Languages is { Length: > 0 } languages)
        {
            where.Append(" AND c.language IN @languages");
            p.Add("languages", languages);
        }
        if (segment.OrganizationId is { } organizationId)
        {
            where.Append(" AND c.organization_id = @organizationId");
            p.Add("organizationId", organizationId);
        }
        if (segment.Willing is { Length: > 0 } willing)
        {
            var known = willing.Where(w => w != "unknown").ToArray();
            var clauses = new List<string>();
            if (known.Length > 0) { clauses.Add("c.willing IN @willing"); p.Add("willing", known); }
            if (known.Length < willing.Length) clauses.Add("c.willing IS NULL");
            where.Append(" AND (").Append(string.Join(" OR ", clauses)).Append(')');
        }
        if (segment.AgeBands is { Length: > 0 } bands)
            where.Append(" AND (").Append(string.Join(" OR ", bands.Select((b, i) => AgeBandClause(b, i, currentYear, p)))).Append(')');
        return new Filter(where.ToString(), p);
    }

    /// <summary>
    /// SQL that picks each recipient's channel: the first of the campaign's channels that the person consented to and
    /// has an address for, in the campaign's priority order, or in the person's own order when they gave one (their
    /// page's preferences, <c>directory_preference p</c>, left joined by the caller); NULL when none.
    /// </summary>
    public static string ChosenChannel(IReadOnlyList<string> channels) =>
        $"CASE WHEN p.channel_order IS NULL THEN {CampaignOrderChoice(channels)} ELSE {PersonalOrderChoice(channels)} END";

    private static string CampaignOrderChoice(IReadOnlyList<string> channels)
    {
        var sql = new StringBuilder("CASE");
        foreach (var channel in channels)
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {Reachable(channel)} THEN '{channel}'");
        return sql.Append(" END").ToString();
    }

    /// <summary>
    /// The person's order among the campaign's channels, as <see cref="PersonalOrder"/> says it: each reachable channel
    /// scores its place in the person's list (channels they did not list come after, in the campaign's order) times 8
    /// plus its place in the campaign's, the lowest score wins, and its remainder by 8 names the channel.
    /// </summary>
    private static string PersonalOrderChoice(IReadOnlyList<string> channels)
    {
        const int None = 100_000;
        var scores = channels.Select((channel, i) =>
            $"CASE WHEN {Reachable(channel)} THEN COALESCE(NULLIF(instr(';' || p.channel_order || ';', ';{channel};'), 0), 1000) * 8 + {i} ELSE {None} END");
        var names = string.Concat(channels.Select((channel, i) => $" WHEN {i} THEN '{channel}'"));
        // min() with one argument is the aggregate: the sentinel keeps it the scalar function.
        return $"(SELECT CASE WHEN s >= {None} THEN NULL ELSE CASE s % 8{names} END END FROM (SELECT min({string.Join(", ", scores)}, {None}) AS s) AS score)";
    }

    // Channel names come from a closed vocabulary (validated before this point), never from input text.
    private static string Reachable(string channel)
    {
        var address = "c." + (Vocabulary.AddressField(channel) ?? throw new ArgumentException($"Unknown channel {channel}"));
        return $"c.consent_{channel} = 1 AND {address} IS NOT NULL AND {address} <> ''";
    }

    /// <summary>
    /// The campaign's channels in the order they are tried for one person: the person's own order first (channels they
    /// did not list keep the campaign's order after those they did), or the campaign's when they gave none.
    /// </summary>
    public static IReadOnlyList<string> PersonalOrder(IReadOnlyList<string> campaignChannels, IReadOnlyList<string>? personalOrder)
    {
        if (personalOrder is not { Count: > 0 }) return campaignChannels;
        var order = personalOrder.ToList();
        return campaignChannels
            .Select((channel, i) => (channel, i, rank: order.IndexOf(channel) is var r && r >= 0 ? r : int.MaxValue))
            .OrderBy(c => c.rank).ThenBy(c => c.i).Select(c => c.channel).ToList();
    }

    /// <summary>
    /// SQL for the channels a person can be reached on, as a bit mask: bit i is set when the person consented to
    /// <see cref="Vocabulary.Channels"/>[i] and has a non-empty address for it (the same test as
    /// <see cref="ChosenChannel"/>). Migration 0019 indexes exactly this expression after (home_region, country,
    /// gender): the preview groups on it reading that index alone, then applies the campaign's priority order to
    /// the few groups (<see cref="ChannelOf"/>). Changing a term here needs a migration that rebuilds the index.
    /// </summary>
    public static readonly string ReachMask = string.Join(" + ", Vocabulary.Channels.Select((channel, bit) =>
    {
        var address = "c." + Vocabulary.AddressField(channel);
        return $"((c.consent_{channel} = 1 AND {address} IS NOT NULL AND {address} <> '') * {1 << bit})";
    }));

    /// <summary>The channel <see cref="ChosenChannel"/> picks for a person whose <see cref="ReachMask"/> is <paramref name="mask"/>; null when none.</summary>
    public static string? ChannelOf(long mask, IReadOnlyList<string> channels)
    {
        foreach (var channel in channels)
        {
            var bit = 0;
            while (bit < Vocabulary.Channels.Count && Vocabulary.Channels[bit] != channel) bit++;
            if (bit == Vocabulary.Channels.Count) throw new ArgumentException($"Unknown channel {channel}");
            if ((mask & (1L << bit)) != 0) return channel;
        }
        return null;
    }

    private static string AgeBandClause(string band, int index, int year, DynamicParameters p)
    {
        if (band == "unknown") return "c.birth_year IS NULL";
        var (from, to) = band switch
        {
            "18-24" => (18, 24),
            "25-29" => (25, 29),
            "30-39" => (30, 39),
            "40-49" => (40, 49),
            "50-59" => (50, 59),
            "60+" => (60, 150),
            _ => throw new ArgumentException($"Unknown age band {band}"),
        };
        p.Add($"born_from{index}", year - to);
        p.Add($"born_to{index}", year - from);
        return $"c.birth_year BETWEEN @born_from{index} AND @born_to{index}";
    }
}
