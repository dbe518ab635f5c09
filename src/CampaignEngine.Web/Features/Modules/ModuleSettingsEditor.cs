using System.Globalization;
using System.Text.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.ModuleHost.Settings;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>
/// Edits a module's settings for the page and the API alike: who may (national staff every module, an oblast
/// administration its own, leaders none), what a value may be (each fault named by its setting), and the save itself,
/// audited with what changed.
/// </summary>
internal sealed class ModuleSettingsEditor(ModuleRegistry modules, ModuleSettingsStore store, Audit.AuditLog audit)
{
    /// <summary>The module, when <paramref name="user"/> may edit its settings.</summary>
    public ModuleManifest? EditableModule(string moduleId, CurrentUser user) =>
        modules.Find(moduleId) is { } module && AccessScope.Of(user).MayActFor(module) ? module : null;

    /// <summary>The values of an API body's <c>values</c> object (null: back to the default), or the faults keyed <c>values.&lt;key&gt;</c>.</summary>
    public static (Dictionary<string, object?> Values, Dictionary<string, string> Errors) Read(ModuleManifest module, JsonElement values)
    {
        var (read, errors) = (new Dictionary<string, object?>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));
        if (values.ValueKind != JsonValueKind.Object)
        {
            errors["values"] = "must be an object of setting keys and values";
            return (read, errors);
        }
        foreach (var property in values.EnumerateObject())
        {
            var field = $"values.{property.Name}";
            if (module.Settings.FirstOrDefault(s => s.Key == property.Name) is not { } setting)
                errors[field] = $"the module has no setting '{property.Name}' (it has {string.Join(", ", module.Settings.Select(s => s.Key))})";
            else if (property.Value.ValueKind == JsonValueKind.Null) read[property.Name] = null;
            else if (SettingChecks.Read(setting, property.Value) is (var value, null)) read[property.Name] = value;
            else errors[field] = SettingChecks.Read(setting, property.Value).Problem!.English;
        }
        return (read, errors);
    }

    /// <summary>
    /// The values of the settings page's form (<c>s.&lt;key&gt;</c>, <c>s.&lt;key&gt;.ky</c>…), or the faults keyed by
    /// setting. An emptied field goes back to the default; a number may be written with a comma or a point.
    /// </summary>
    public static (Dictionary<string, object?> Values, Dictionary<string, SettingProblem> Errors) Read(ModuleManifest module, Func<string, string?> form)
    {
        var (read, errors) = (new Dictionary<string, object?>(StringComparer.Ordinal), new Dictionary<string, SettingProblem>(StringComparer.Ordinal));
        foreach (var setting in module.Settings)
        {
            var (value, problem) = FromForm(setting, name => form($"s.{setting.Key}{name}")?.Trim() ?? "");
            if (problem is not null) errors[setting.Key] = problem;
            else read[setting.Key] = value;
        }
        return (read, errors);
    }

    private static (object?, SettingProblem?) FromForm(SettingDefinition setting, Func<string, string> field)
    {
        object? value;
        switch (setting.Type)
        {
            case SettingType.Integer or SettingType.Decimal:
                // Staff write thousands with (no-break) spaces and the decimal mark of their language.
                var text = string.Concat(field("").Where(c => !char.IsWhiteSpace(c))).Replace(',', '.');
                if (text.Length == 0) return (null, null);
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    return (null, new("number", "must be a number"));
                value = number;
                break;
            case SettingType.Text:
                if (field("") is not { Length: > 0 } line) return (null, null);
                value = line;
                break;
            default:
                var localized = new LocalizedText(field(".ky"), field(".ru"), field(".en"));
                if (localized is { Ky: "", Ru: "", En: "" }) return (null, null);
                value = localized;
                break;
        }
        return SettingChecks.Problem(setting, value) is { } problem ? (null, problem) : (value, null);
    }

    /// <summary>Saves and audits (<c>module.settings.save</c>, or <c>module.settings.restore</c> with the version restored).</summary>
    public async Task<SettingsSaveOutcome> SaveAsync(ModuleManifest module, int basedOn, IReadOnlyDictionary<string, object?> values, string? comment, CurrentUser user, int? restoredFrom = null)
    {
        var outcome = await store.SaveAsync(module, basedOn, values, comment, user.Id, restoredFrom);
        if (!outcome.Saved) return outcome;
        var changes = store.History(module).First(v => v.Version == outcome.Version).Changes;
        audit.Record(user, restoredFrom is null ? "module.settings.save" : "module.settings.restore", $"module/{module.Id}/settings",
            new { version = outcome.Version, restoredFrom, changes = changes.Select(c => new { key = c.Key, from = c.From, to = c.To }) });
        return outcome;
    }

    /// <summary>Makes the values of <paramref name="version"/> (0: the defaults) the module's values again, as a new version; false when there is no such version.</summary>
    public async Task<SettingsSaveOutcome?> RestoreAsync(ModuleManifest module, int version, int basedOn, string? comment, CurrentUser user)
    {
        if (store.ValuesOf(module, version) is not { } saved) return null;
        // Every setting takes the value it had then: saved ones their value, the others their default.
        var values = module.Settings.ToDictionary(s => s.Key, s => saved.GetValueOrDefault(s.Key), StringComparer.Ordinal);
        return await SaveAsync(module, basedOn, values, comment, user, restoredFrom: version);
    }
}
