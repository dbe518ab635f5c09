namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// Which template part stands in for a missing one, for messages, pages and certificates alike. A part is looked
/// for in every language of the fallback (<see cref="TemplateStore.Find"/>: the reader's language, the module's other
/// languages, then <c>_shared/</c>) before its stand-in is tried: a short text in another language is closer to what
/// the author meant for messengers than the long text in the reader's.
/// </summary>
internal static class PartFallback
{
    public const string Subject = "subject";
    public const string Text = "text";
    public const string Short = "short";
    public const string Page = "page";
    public const string Html = "html";

    /// <summary>
    /// Part → the part used when a template has none of it. Parts not listed have no stand-in: a message needs its
    /// subject and text, and one without HTML goes as plain text.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> StandIns = new Dictionary<string, string>
    {
        [Short] = Text,   // SMS and messengers
        [Page] = Text,    // the tracked landing page's body
    };

    /// <summary><paramref name="part"/>, then its stand-ins in order.</summary>
    public static IEnumerable<string> Chain(string part)
    {
        for (string? current = part; current is not null; current = StandIns.GetValueOrDefault(current))
            yield return current;
    }
}
