using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.ModuleHost.Settings;

/// <summary>
/// Why a value cannot be a setting's: <paramref name="Code"/> names the rule broken (pages say it in the reader's
/// language with <paramref name="Detail"/>: the bound, or the language at fault), <see cref="ToString"/> in English (the API).
/// </summary>
internal sealed record SettingProblem(string Code, string English, string Detail = "")
{
    public override string ToString() => English;
}

/// <summary>
/// One place that says what a setting's value may be, used both for a manifest's defaults (when the module loads) and
/// for what an administration saves: a number for integer and decimal (whole for integer) within min and max, a
/// non-empty single-line text for text, an object of ky, ru and en for localized text, no text longer than maxLength.
/// </summary>
internal static class SettingChecks
{
    /// <summary>Longest text of a setting without a maxLength of its own.</summary>
    public const int DefaultMaxLength = 500;

    /// <summary>The JSON <paramref name="json"/> as a value of <paramref name="setting"/>, or why it cannot be one.</summary>
    public static (object? Value, SettingProblem? Problem) Read(SettingDefinition setting, JsonElement json) => setting.Type switch
    {
        SettingType.Integer or SettingType.Decimal => json.ValueKind == JsonValueKind.Number && json.TryGetDecimal(out var number)
            ? Checked(setting, number)
            : (null, new("number", "must be a number")),
        SettingType.Text => json.ValueKind == JsonValueKind.String ? Checked(setting, json.GetString()!) : (null, new("text", "must be a text")),
        _ => Localized(setting, json),
    };

    /// <summary>Why <paramref name="value"/> is not a valid value of <paramref name="setting"/>; null when it is.</summary>
    public static SettingProblem? Problem(SettingDefinition setting, object value) => (setting.Type, value) switch
    {
        (SettingType.Integer, decimal n) when n != decimal.Truncate(n) => new("whole", "must be a whole number"),
        (SettingType.Integer or SettingType.Decimal, decimal n) when setting.Min is { } min && n < min => new("min", $"must be at least {Show(min)}", Show(min)),
        (SettingType.Integer or SettingType.Decimal, decimal n) when setting.Max is { } max && n > max => new("max", $"must be at most {Show(max)}", Show(max)),
        (SettingType.Integer or SettingType.Decimal, decimal) => null,
        (SettingType.Text, string text) => TextProblem(setting, text),
        (SettingType.LocalizedText, LocalizedText text) => TextProblem(setting, text.Ky, "ky") ?? TextProblem(setting, text.Ru, "ru") ?? TextProblem(setting, text.En, "en"),
        _ => new("type", $"must be a {Describe(setting.Type)}"),
    };

    /// <summary>The value as JSON (what the API and the stored versions hold).</summary>
    public static JsonNode ToJson(object value) => value switch
    {
        decimal n => JsonValue.Create(n),
        string text => JsonValue.Create(text),
        LocalizedText text => new JsonObject { ["ky"] = text.Ky, ["ru"] = text.Ru, ["en"] = text.En },
        _ => throw new ArgumentException($"not a setting value: {value.GetType().Name}", nameof(value)),
    };

    /// <summary>The value in a line of text, for the history and the audit (a localized text as "ky / ru / en").</summary>
    public static string Show(object? value) => value switch
    {
        null => "",
        decimal n => n.ToString("0.############", CultureInfo.InvariantCulture),
        LocalizedText text => $"{text.Ky} / {text.Ru} / {text.En}",
        _ => value.ToString() ?? "",
    };

    /// <summary>The type as a manifest and the API write it.</summary>
    public static string Code(SettingType type) => type == SettingType.LocalizedText ? "localizedText" : type.ToString().ToLowerInvariant();

    public static string Describe(SettingType type) => type switch
    {
        SettingType.Integer => "whole number",
        SettingType.Decimal => "number",
        SettingType.Text => "text",
        _ => "text in ky, ru and en",
    };

    private static (object?, SettingProblem?) Checked(SettingDefinition setting, object value) =>
        Problem(setting, value) is { } problem ? (null, problem) : (value, null);

    private static (object?, SettingProblem?) Localized(SettingDefinition setting, JsonElement json)
    {
        SettingProblem shape = new("localized", "must be an object with a text in each of ky, ru and en");
        if (json.ValueKind != JsonValueKind.Object) return (null, shape);
        var unknown = json.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n is not ("ky" or "ru" or "en"));
        if (unknown is not null) return (null, new("localized", $"has no language '{unknown}' (ky, ru and en)"));
        string? In(string language) => json.TryGetProperty(language, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        var (ky, ru, en) = (In("ky"), In("ru"), In("en"));
        return ky is null || ru is null || en is null ? (null, shape) : Checked(setting, new LocalizedText(ky, ru, en));
    }

    private static SettingProblem? TextProblem(SettingDefinition setting, string text, string? language = null)
    {
        var where = language is null ? "" : $" ({language})";
        var max = setting.MaxLength ?? DefaultMaxLength;
        if (string.IsNullOrWhiteSpace(text)) return new("empty", $"must not be empty{where}", language ?? "");
        if (text.Length > max) return new("long", $"is {text.Length} characters long{where}; at most {max}", max.ToString(CultureInfo.InvariantCulture));
        // Settings end up in e-mail headers and printed lines: a line break or control character has no place there.
        return text.Any(char.IsControl) ? new("line", $"must be one line without control characters{where}", language ?? "") : null;
    }
}
