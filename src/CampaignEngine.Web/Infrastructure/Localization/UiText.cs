using System.Reflection;
using System.Text.Json;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Infrastructure.Localization;

/// <summary>
/// The interface texts in ky/ru/en, from the embedded <c>ky.json</c>, <c>ru.json</c> and <c>en.json</c>.
/// A key missing in one language shows the Russian, then English text, never a blank.
/// </summary>
public sealed class UiText
{
    private readonly Dictionary<string, Dictionary<string, string>> _byLanguage = [];

    public UiText()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var language in Languages.All)
        {
            var resource = $"CampaignEngine.Web.Infrastructure.Localization.{language}.json";
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Missing UI texts {resource}");
            _byLanguage[language] = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
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
}
