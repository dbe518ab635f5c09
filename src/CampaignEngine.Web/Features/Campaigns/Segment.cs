using System.Text.Json.Serialization;
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
}
