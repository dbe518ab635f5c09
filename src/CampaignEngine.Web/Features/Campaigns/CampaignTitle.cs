using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// What readers see as a campaign's title (subject lines, page headings, <c>&lt;title&gt;</c>), per language, apart
/// from the officer's internal name. A language without a title borrows another's: the reader's language, then the
/// module's first language, then Russian, then any title there is; the internal name only when the campaign has no
/// public title at all (the campaign page warns about that).
/// </summary>
internal sealed record CampaignTitle(string InternalName, string? Ky, string? Ru, string? En)
{
    public const int MaxLength = 120;

    /// <summary>A campaign known by its internal name only (samples, and campaigns created before titles).</summary>
    public static CampaignTitle Internal(string name) => new(name, null, null, null);

    public bool HasPublicTitle => Ky is not null || Ru is not null || En is not null;

    /// <summary>The title written for <paramref name="language"/>, or null.</summary>
    public string? In(string language) => language switch { "ky" => Ky, "ru" => Ru, "en" => En, _ => null };

    /// <summary>The title a reader of <paramref name="language"/> sees, for a campaign of a module speaking <paramref name="moduleLanguages"/>.</summary>
    public string For(string language, IReadOnlyList<string>? moduleLanguages) =>
        In(language)
        ?? (moduleLanguages is { Count: > 0 } ? In(moduleLanguages[0]) : null)
        ?? Ru ?? Ky ?? En
        ?? InternalName;

    /// <summary>Blank titles are no titles, so a form's empty field falls back instead of printing nothing.</summary>
    public static string? Clean(string? title) => string.IsNullOrWhiteSpace(title) ? null : title.Trim();
}

/// <summary>The titles of the campaigns the product writes by itself, in the three languages its readers speak.</summary>
internal static class SystemCampaignTitles
{
    // The same texts back-fill older system campaigns in migration 0028_a.
    public static readonly LocalizedText CertificateDelivery = new(
        "Салымыңыз үчүн ыраазычылык", "Благодарность за ваш вклад", "Thank you for your contribution");

    public static readonly LocalizedText PledgeReminder = new(
        "Туулган жерге колдоо", "Поддержка родного края", "Support for your home region");

    public static readonly LocalizedText DeskAnswer = new(
        "Сурооңузга жооп", "Ответ на ваш вопрос", "An answer to your question");
}

/// <summary>The public title as the API and the form send it: one text per language, each optional.</summary>
internal sealed record PublicTitleRequest(string? Ky, string? Ru, string? En)
{
    /// <summary>Every fault at once, named as <c>publicTitle.ky</c> and so on; at least one language must carry a title.</summary>
    public IEnumerable<FieldError> Problems()
    {
        var any = false;
        foreach (var (language, text) in new[] { ("ky", Ky), ("ru", Ru), ("en", En) })
        {
            if (CampaignTitle.Clean(text) is not { } title) continue;
            any = true;
            if (title.Length > CampaignTitle.MaxLength)
                yield return new($"publicTitle.{language}", $"The title is longer than {CampaignTitle.MaxLength} characters.");
            else if (title.Any(char.IsControl))
                yield return new($"publicTitle.{language}", "A title is one line: it becomes a message's subject.");
        }
        if (!any) yield return new("publicTitle", "Give the title readers see in at least one language (Kyrgyz, Russian or English).");
    }
}
