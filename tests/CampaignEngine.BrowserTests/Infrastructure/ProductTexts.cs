using System.Text.Json;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>
/// The product's interface texts, read from its own Texts.*.json files, so the tests check "the page shows the
/// Kyrgyz text for this key" and keep passing when a translator improves a wording.
/// </summary>
internal static class ProductTexts
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> ByLanguage = new();

    public static string Get(string language, string key)
    {
        lock (ByLanguage)
        {
            if (!ByLanguage.TryGetValue(language, out var texts)) ByLanguage[language] = texts = Load(language);
            return texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No text '{key}' in language '{language}'.");
        }
    }

    /// <summary>Every text key of the language, to find one shown raw where its text belongs.</summary>
    public static IReadOnlyCollection<string> Keys(string language)
    {
        lock (ByLanguage)
        {
            if (!ByLanguage.TryGetValue(language, out var texts)) ByLanguage[language] = texts = Load(language);
            return texts.Keys.ToList();
        }
    }

    private static Dictionary<string, string> Load(string language)
    {
        var web = RepositoryPaths.WebProject;
        var files = Directory.EnumerateFiles(Path.Combine(web, "Infrastructure", "Localization"), $"Shared.{language}.json")
            .Concat(Directory.EnumerateFiles(Path.Combine(web, "Features"), $"Texts.{language}.json", SearchOption.AllDirectories));
        var texts = new Dictionary<string, string>();
        foreach (var file in files)
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!)
                texts[key] = value;
        return texts;
    }
}
