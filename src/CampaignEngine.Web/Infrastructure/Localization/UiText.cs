using System.Reflection;
using System.Text.Json;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Infrastructure.Localization;

/// <summary>
/// The interface texts in ky/ru/en: every embedded <c>*.ky.json</c>, <c>*.ru.json</c>, <c>*.en.json</c>
/// (the shared ones here, and a <c>Texts.&lt;lang&gt;.json</c> in each feature folder), merged.
/// A key missing in one language shows the Russian, then English text, never a blank.
/// </summary>
internal sealed class UiText
{
    private readonly Dictionary<string, Dictionary<string, string>> _byLanguage = [];

    public UiText()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var language in Languages.All)
        {
            var texts = _byLanguage[language] = [];
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith($".{language}.json", StringComparison.Ordinal)))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
                    if (!texts.TryAdd(key, text))
                        throw new InvalidOperationException($"UI text '{key}' is defined twice ({resource})");
            }
        }
    }

    public string Get(string language, string key)
    {
        foreach (var candidate in new[] { language, "ru", "en" })
            if (_byLanguage.TryGetValue(candidate, out var texts) && texts.TryGetValue(key, out var text))
                return text;
        return key;
    }

    public IReadOnlyCollection<string> Keys(string language) => _byLanguage[language].Keys;

    /// <summary>Whether <paramref name="key"/> has a text in some language.</summary>
    public bool Has(string key) => _byLanguage.Values.Any(texts => texts.ContainsKey(key));

    /// <summary>
    /// A stored code as a reader says it ("pending" → "ожидает"). A code the vocabulary does not know stays as it is:
    /// a value from an older version reads better as itself than as a text key or a blank.
    /// </summary>
    public string Say(string language, CodeVocabulary vocabulary, string? code) =>
        string.IsNullOrEmpty(code) ? "" : Has(vocabulary.KeyOf(code)) ? Get(language, vocabulary.KeyOf(code)) : code;
}
