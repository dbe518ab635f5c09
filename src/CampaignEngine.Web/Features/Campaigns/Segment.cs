using System.Text.Json.Serialization;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// How an officer narrows a module's audience. Every list is optional: empty means "no restriction",
/// except Countries, where empty means "the module's target countries" (every country when the module names none).
/// </summary>
internal sealed record Segment
{
    [JsonConverter(typeof(StringOrArrayConverter))] public string[]? Countries { get; init; }
    [JsonConverter(typeof(StringOrArrayConverter))] public string[]? Genders { get; init; }
    [JsonConverter(typeof(StringOrArrayConverter))] public string[]? AgeBands { get; init; }
    [JsonConverter(typeof(StringOrArrayConverter))] public string[]? Languages { get; init; }
    public long? OrganizationId { get; init; }
    [JsonConverter(typeof(StringOrArrayConverter))] public string[]? Willing { get; init; }

    public static readonly Segment Everyone = new();

    /// <summary>The criteria a module's preset also states (all but the organisation, which is this installation's own).</summary>
    public AudienceCriteria Criteria => new(Countries, Genders, AgeBands, Languages, Willing);

    /// <summary>The segment of a preset's criteria, for no particular organisation.</summary>
    public static Segment Of(AudienceCriteria criteria) => new()
    {
        Countries = Array(criteria.Countries), Genders = Array(criteria.Genders), AgeBands = Array(criteria.AgeBands),
        Languages = Array(criteria.Languages), Willing = Array(criteria.Willing),
    };

    /// <summary>Whether <paramref name="other"/> chooses the same people: the same codes in each list, in any order.</summary>
    public bool SameAudience(Segment other) =>
        OrganizationId == other.OrganizationId && Same(Countries, other.Countries) && Same(Genders, other.Genders)
        && Same(AgeBands, other.AgeBands) && Same(Languages, other.Languages) && Same(Willing, other.Willing);

    private static bool Same(string[]? a, string[]? b) =>
        (a is null || a.Length == 0) ? b is null || b.Length == 0 : b is not null && a.ToHashSet(StringComparer.Ordinal).SetEquals(b);

    private static string[]? Array(IReadOnlyList<string>? codes) => codes is null ? null : [.. codes];
}
