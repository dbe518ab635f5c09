namespace CampaignEngine.Core.Reference;

/// <summary>The recipient languages: Kyrgyz, Russian, English (the survey ran in the first two).</summary>
public static class Languages
{
    /// <summary>All supported language codes, in the default fallback order.</summary>
    public static readonly IReadOnlyList<string> All = ["ky", "ru", "en"];

    /// <summary>True when <paramref name="code"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? code) => code is "ky" or "ru" or "en";

    /// <summary>
    /// The order in which to look for a text: the wanted language first, then the others the
    /// module offers in its own order.
    /// </summary>
    public static IEnumerable<string> FallbackOrder(string wanted, IReadOnlyList<string> offered)
    {
        if (offered.Contains(wanted)) yield return wanted;
        foreach (var language in offered)
            if (language != wanted) yield return language;
    }
}
