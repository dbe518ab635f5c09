using System.Text.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.ModuleHost.Rules;
using CampaignEngine.Web.ModuleHost.Settings;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// The <c>settings</c> and <c>nominations</c> sections of a manifest that passed the schema, checked where a schema
/// cannot: a key declared once, a default of the declared type within its bounds, the settings the host reads declared
/// with the type it reads them as, a signatory named (by the issuer or a <c>signatoryName</c> setting), and every
/// nomination rule compiled (<see cref="CompiledNomination"/>). Every fault names its field and line.
/// </summary>
internal static class ManifestSettings
{
    /// <summary>The manifest with its settings and rules, or every fault found in them.</summary>
    /// <param name="strict">The same manifest as System.Text.Json reads it, where each setting's default is read from.</param>
    public static ManifestReading Complete(ModuleManifest manifest, JToken json, JsonElement strict, string shownAs)
    {
        var errors = new List<ModuleLoadError>();
        var settings = Settings(json, strict, shownAs, errors);
        var signatory = manifest.Issuer.SignatoryName is { Length: > 0 } named ? named : settings.FirstOrDefault(s => s.Key == WellKnownSettings.SignatoryName)?.Default as string;
        if (signatory is null)
            errors.Add(At(json["issuer"]!, shownAs, "issuer: a signatoryName is required, in the issuer or as a text setting 'signatoryName'"));
        if (errors.Count > 0) return new(null, errors);
        var complete = manifest with
        {
            Issuer = manifest.Issuer with { SignatoryName = signatory! },
            Settings = settings,
            Nominations = [.. (json["nominations"] ?? new JArray()).Select(Rule)],
        };
        try
        {
            CompiledNomination.All(complete);
        }
        catch (RuleProblem problem)
        {
            return new(null, [At(json.SelectToken(problem.Field) ?? json, shownAs, $"{problem.Field}: {problem.Message}")]);
        }
        return new(complete, []);
    }

    private static List<SettingDefinition> Settings(JToken json, JsonElement strict, string shownAs, List<ModuleLoadError> errors)
    {
        var settings = new List<SettingDefinition>();
        var items = (json["settings"] ?? new JArray()).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var key = (string)item["key"]!;
            var type = (string)item["type"]! switch
            {
                "integer" => SettingType.Integer,
                "decimal" => SettingType.Decimal,
                "text" => SettingType.Text,
                _ => SettingType.LocalizedText,
            };
            var numeric = type is SettingType.Integer or SettingType.Decimal;
            var at = $"settings[{i}]";
            string? problem = null;
            if (settings.Any(s => s.Key == key)) problem = $"{at}.key: '{key}' is declared twice";
            else if (WellKnownSettings.Types.TryGetValue(key, out var expected) && expected != type)
                problem = $"{at}.type: the host reads '{key}' as {SettingChecks.Describe(expected)}, so it must be declared as {SettingChecks.Code(expected)}";
            else if (!numeric && (item["min"] is not null || item["max"] is not null)) problem = $"{at}: min and max bound numbers only";
            else if (numeric && item["maxLength"] is not null) problem = $"{at}: maxLength bounds texts only";
            if (problem is not null)
            {
                errors.Add(At(item, shownAs, problem));
                continue;
            }
            var setting = new SettingDefinition(key, type, "", Localized(item["label"]!),
                (decimal?)item["min"], (decimal?)item["max"], (int?)item["maxLength"]);
            var (value, wrong) = SettingChecks.Read(setting, strict.GetProperty("settings")[i].GetProperty("default"));
            if (wrong is not null) errors.Add(At(item["default"]!, shownAs, $"{at}.default: {wrong.English}"));
            else settings.Add(setting with { Default = value! });
        }
        return settings;
    }

    private static NominationRule Rule(JToken rule) =>
        new((string)rule["event"]!, (string)rule["condition"]!, (string)rule["kind"]!, Localized(rule["reason"]!));

    private static LocalizedText Localized(JToken text) => new((string)text["ky"]!, (string)text["ru"]!, (string)text["en"]!);

    private static ModuleLoadError At(JToken token, string shownAs, string reason) =>
        new(shownAs, ((IJsonLineInfo)token).HasLineInfo() ? ((IJsonLineInfo)token).LineNumber : null, reason);
}
