using System.Globalization;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>How a holder's name appears on public verification: enough to match the paper, not enough to find the person.</summary>
internal static class HolderName
{
    /// <summary>The first word and the initial of the next one: "Айгүл Өмүрбекова Ңаа" → "Айгүл Ө.".</summary>
    public static string Partial(string? fullName)
    {
        var words = (fullName ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return "";
        if (words.Length == 1) return words[0];
        // A text element, not a char: an initial must not cut a letter written with a combining mark in two.
        var initial = StringInfo.GetNextTextElement(words[1]);
        return $"{words[0]} {initial.ToUpper(CultureInfo.InvariantCulture)}.";
    }
}
