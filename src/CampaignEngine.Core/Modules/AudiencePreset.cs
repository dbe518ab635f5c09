using CampaignEngine.Core.Reference;

namespace CampaignEngine.Core.Modules;

/// <summary>
/// A named audience a module declares ("Issyk-Kul natives in the Gulf"): the module's own home regions narrowed by the
/// same criteria a campaign's audience takes. Picking it fills a campaign's audience; the campaign keeps the criteria,
/// so a later change of the manifest never changes a campaign already written.
/// </summary>
/// <param name="Id">Stable within the module (e.g. <c>gulf</c>): the API names a preset by it.</param>
/// <param name="Name">What the campaign form shows, in ky/ru/en.</param>
/// <param name="Criteria">The audience it stands for.</param>
public sealed record AudiencePreset(string Id, LocalizedText Name, AudienceCriteria Criteria);

/// <summary>
/// The criteria of an audience within a module's home regions. Every list is optional: null means no restriction,
/// except <see cref="Countries"/>, where null means the module's own countries.
/// </summary>
public sealed record AudienceCriteria(
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Genders = null,
    IReadOnlyList<string>? AgeBands = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<string>? Willing = null)
{
    /// <summary>The value a person of unknown age band or willingness has, which a criterion may also choose.</summary>
    public const string Unknown = "unknown";

    /// <summary>Codes as the product stores them, each once: "ae" and "AE" are the same country.</summary>
    public AudienceCriteria Normalised() => new(
        Countries?.Select(c => c.ToUpperInvariant()).Distinct().ToArray(),
        Genders?.Select(g => g.ToLowerInvariant()).Distinct().ToArray(),
        AgeBands?.Distinct().ToArray(),
        Languages?.Select(l => l.ToLowerInvariant()).Distinct().ToArray(),
        Willing?.Select(w => w.ToLowerInvariant()).Distinct().ToArray());

    /// <summary>
    /// Every code the product does not know, as (field, message), the field being <paramref name="prefix"/> and the
    /// criterion's name (<c>segment.countries</c>): the one check of an audience, for a campaign and for a preset alike.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems(string prefix)
    {
        if (Countries?.FirstOrDefault(c => Reference.Countries.Find(c) is null) is { } country)
            yield return (prefix + "countries", $"Unknown country code '{country}' (use ISO 3166-1 alpha-2, e.g. AE).");
        if (Genders?.FirstOrDefault(g => !Vocabulary.Genders.Contains(g)) is { } gender)
            yield return (prefix + "genders", $"Unknown gender '{gender}'; use {string.Join(", ", Vocabulary.Genders)}.");
        if (AgeBands?.FirstOrDefault(b => !Vocabulary.AgeBands.Contains(b) && b != Unknown) is { } band)
            yield return (prefix + "ageBands", $"Unknown age band '{band}'; use {string.Join(", ", Vocabulary.AgeBands)}, {Unknown}.");
        if (Languages?.FirstOrDefault(l => !Reference.Languages.IsKnown(l)) is { } language)
            yield return (prefix + "languages", $"Unknown language '{language}'; use {string.Join(", ", Reference.Languages.All)}.");
        if (Willing?.FirstOrDefault(w => !Vocabulary.Willingness.Contains(w) && w != Unknown) is { } willing)
            yield return (prefix + "willing", $"Unknown willingness '{willing}'; use {string.Join(", ", Vocabulary.Willingness)}, {Unknown}.");
    }
}
