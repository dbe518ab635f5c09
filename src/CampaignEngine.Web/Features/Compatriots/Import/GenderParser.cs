namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// Reads gender as partner associations write it in Excel: English words or letters, Russian and Kyrgyz
/// words or their abbreviations. Reports need women and men told apart, so an unreadable value is an
/// error rather than a silent "unknown".
/// </summary>
internal static class GenderParser
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["female"] = "female", ["f"] = "female", ["woman"] = "female", ["w"] = "female",
        ["ж"] = "female", ["жен"] = "female", ["женский"] = "female", ["женщина"] = "female",
        ["аял"] = "female", ["кыз"] = "female",
        ["male"] = "male", ["m"] = "male", ["man"] = "male",
        ["м"] = "male", ["муж"] = "male", ["мужской"] = "male", ["мужчина"] = "male",
        ["эркек"] = "male",
        ["other"] = "other", ["другой"] = "other", ["башка"] = "other",
        ["unknown"] = "unknown", ["неизвестно"] = "unknown", ["белгисиз"] = "unknown",
    };

    /// <summary>The canonical gender, "unknown" for an empty value, null when the value is not understood.</summary>
    public static string? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "unknown";
        var key = value.Trim().TrimEnd('.');
        return Known.TryGetValue(key, out var gender) ? gender : null;
    }
}
