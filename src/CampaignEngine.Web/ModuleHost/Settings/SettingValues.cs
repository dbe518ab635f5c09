using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.ModuleHost.Settings;

/// <summary>
/// The current values of one module's settings: the value saved in its latest version, else the manifest's default.
/// Values are a <see cref="decimal"/> for numbers, a <see cref="string"/> for text, a <see cref="LocalizedText"/> for
/// localized text. <see cref="Version"/> is the latest saved version (0 while nobody has saved).
/// </summary>
internal sealed class SettingValues(ModuleManifest module, IReadOnlyDictionary<string, object> saved, int version)
{
    public static SettingValues Defaults(ModuleManifest module) => new(module, new Dictionary<string, object>(), 0);

    public ModuleManifest Module => module;

    public int Version => version;

    /// <summary>The value of <paramref name="key"/>; null when the module declares no such setting.</summary>
    public object? this[string key] => module.Settings.FirstOrDefault(s => s.Key == key) is { } setting
        ? saved.GetValueOrDefault(key) ?? setting.Default
        : null;

    /// <summary>Whether <paramref name="key"/> follows its manifest default (nothing else is saved for it).</summary>
    public bool IsDefault(string key) => !saved.ContainsKey(key);

    /// <summary>Every declared setting with its current value, in manifest order.</summary>
    public IEnumerable<(SettingDefinition Setting, object Value)> All =>
        module.Settings.Select(s => (s, saved.GetValueOrDefault(s.Key) ?? s.Default));

    /// <summary>The values saved away from their defaults (what a version stores).</summary>
    public IReadOnlyDictionary<string, object> Saved => saved;

    /// <summary>The desk's working days to answer; null when the module declares no <c>slaWorkingDays</c>.</summary>
    public int? SlaWorkingDays => this[WellKnownSettings.SlaWorkingDays] is decimal days ? (int)days : null;

    /// <summary>The display name of the module's e-mails, in <paramref name="language"/>; null when it declares none.</summary>
    public string? SenderName(string language) => (this[WellKnownSettings.SenderName] as LocalizedText)?.In(language);

    /// <summary>The line that signs the module's messages: the <c>signature</c> setting, else its administration's name.</summary>
    public LocalizedText Signature => this[WellKnownSettings.Signature] as LocalizedText ?? module.Issuer.Name;

    /// <summary>The signatory printed on certificates: the <c>signatoryName</c> setting, else the manifest's issuer.</summary>
    public string SignatoryName => this[WellKnownSettings.SignatoryName] as string ?? module.Issuer.SignatoryName;
}

/// <summary>The current values of modules' settings (implemented by Features/Modules, which owns the saved versions).</summary>
internal interface IModuleSettings
{
    /// <summary>The values in force for <paramref name="module"/>; cheap enough to ask per message (held in memory).</summary>
    SettingValues Of(ModuleManifest module);
}

/// <summary>The settings the host itself reads, with the type each must be declared as.</summary>
internal static class WellKnownSettings
{
    public const string SlaWorkingDays = "slaWorkingDays";
    public const string SenderName = "senderName";
    public const string Signature = "signature";
    public const string SignatoryName = "signatoryName";

    public static readonly IReadOnlyDictionary<string, SettingType> Types = new Dictionary<string, SettingType>(StringComparer.Ordinal)
    {
        [SlaWorkingDays] = SettingType.Integer,
        [SenderName] = SettingType.LocalizedText,
        [Signature] = SettingType.LocalizedText,
        [SignatoryName] = SettingType.Text,
    };
}
