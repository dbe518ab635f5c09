using CampaignEngine.Core.Modules;
using Newtonsoft.Json.Linq;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// The manifest's <c>presets</c> and <c>quietDates</c>, read after the schema passed: a preset's criteria are checked by
/// the very check a campaign's audience gets (<see cref="AudienceCriteria.Problems"/>), so a preset the campaign form
/// would refuse fails the module's load instead, with its line; two presets may not share an id, and a quiet date must
/// name a real day.
/// </summary>
internal static class ManifestAudience
{
    private static readonly string[] Criteria = ["countries", "genders", "ageBands", "languages", "willing"];

    public static IEnumerable<ModuleLoadError> Problems(JToken json, string shownAs)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (preset, index) in Items(json, "presets"))
        {
            var field = $"presets[{index}]";
            if (!ids.Add((string)preset["id"]!))
                yield return ManifestReader.At(preset["id"]!, shownAs, $"{field}.id: '{preset["id"]}' is already the id of another preset of this module");
            foreach (var (criterion, message) in CriteriaOf(preset).Problems($"{field}."))
                yield return ManifestReader.At(preset[criterion[(field.Length + 1)..]]!, shownAs, $"{criterion}: {message}");
        }
        foreach (var (quiet, index) in Items(json, "quietDates"))
            if (QuietDate.TryParse((string)quiet["date"]!, ManifestReader.Localized(quiet["reason"]!)) is null)
                yield return ManifestReader.At(quiet["date"]!, shownAs, $"quietDates[{index}].date: '{quiet["date"]}' is no day of the year (use MM-dd every year, yyyy-MM-dd once)");
    }

    /// <summary>The manifest with its presets and quiet dates, from a manifest <see cref="Problems"/> found nothing wrong in.</summary>
    public static ModuleManifest With(ModuleManifest manifest, JToken json) => manifest with
    {
        Presets = [.. Items(json, "presets").Select(p => new AudiencePreset((string)p.Item["id"]!, ManifestReader.Localized(p.Item["name"]!), CriteriaOf(p.Item).Normalised()))],
        QuietDates = [.. Items(json, "quietDates").Select(q => QuietDate.TryParse((string)q.Item["date"]!, ManifestReader.Localized(q.Item["reason"]!))!)],
    };

    private static IEnumerable<(JToken Item, int Index)> Items(JToken json, string section) =>
        json[section] is JArray items ? items.Select((item, index) => (item, index)) : [];

    private static AudienceCriteria CriteriaOf(JToken preset)
    {
        var lists = Criteria.Select(name => preset[name] is JArray codes ? codes.Select(c => (string)c!).ToArray() : null).ToArray();
        return new AudienceCriteria(lists[0], lists[1], lists[2], lists[3], lists[4]);
    }
}
