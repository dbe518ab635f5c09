using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>An import fault in the reader's language: "row 12, field phone: «+99» is not a valid phone number …".</summary>
internal static class ImportProblems
{
    /// <summary>The problem; its English wording when it has no text key (kept so nothing is ever lost).</summary>
    public static string Say(UiText texts, string language, ImportError error)
    {
        var key = "dir.import.problem." + error.Problem;
        if (error.Problem.Length == 0 || !texts.Has(key)) return error.Error;
        return string.Format(CultureInfo.InvariantCulture, texts.Get(language, key), [.. Values(texts, language, error)]);
    }

    /// <summary>The column as the file names it; "row" and "file" (the whole row, the whole file) in words.</summary>
    public static string Field(UiText texts, string language, ImportError error) =>
        error.Field is "row" or "file" ? texts.Get(language, "dir.import.field." + error.Field) : error.Field;

    /// <summary>A field an import kept as the person chose it, in words: "language", "consent to SMS".</summary>
    public static string Kept(UiText texts, string language, string field) =>
        field.StartsWith("channels.", StringComparison.Ordinal)
            ? string.Format(CultureInfo.InvariantCulture, texts.Get(language, "dir.import.kept.channel"), texts.Say(language, Vocabularies.Channels, field["channels.".Length..]))
            : texts.Get(language, "dir.import.kept." + field);

    // Codes among the values are said as words: the host country of a phone, the channel of a consent.
    private static IEnumerable<string> Values(UiText texts, string language, ImportError error) => error.Problem switch
    {
        "phone" => [error.Values[0], Countries.Find(error.Values[1])?.Name.In(language) ?? texts.Get(language, "dir.import.hostCountry")],
        _ when error.Problem.StartsWith("consentNeeds", StringComparison.Ordinal) => [texts.Say(language, Vocabularies.Channels, error.Values[0])],
        _ => error.Values,
    };
}
