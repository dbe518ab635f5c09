using CampaignEngine.Core.Reference;

namespace CampaignEngine.Core.Modules;

/// <summary>The kinds of value a module setting holds.</summary>
public enum SettingType
{
    /// <summary>A whole number (held as a <see cref="decimal"/> without fraction).</summary>
    Integer,

    /// <summary>A number with a fraction (a <see cref="decimal"/>).</summary>
    Decimal,

    /// <summary>One text for every language (a <see cref="string"/>).</summary>
    Text,

    /// <summary>A text in Kyrgyz, Russian and English (a <see cref="LocalizedText"/>).</summary>
    LocalizedText,
}

/// <summary>
/// A setting a module declares in its manifest (<c>settings</c>), which its administration edits on the module's settings
/// page. <paramref name="Default"/> is the value while nobody has saved another: a <see cref="decimal"/> for numbers, a
/// <see cref="string"/> for text, a <see cref="Reference.LocalizedText"/> for localized text. <paramref name="Min"/> and
/// <paramref name="Max"/> bound numbers, <paramref name="MaxLength"/> texts (each language of a localized one).
/// </summary>
public sealed record SettingDefinition(
    string Key, SettingType Type, object Default, LocalizedText Label, decimal? Min = null, decimal? Max = null, int? MaxLength = null);

/// <summary>
/// A declarative nomination rule (<c>nominations</c> in the manifest): when the host raises <paramref name="Event"/> (its
/// manifest name, e.g. <c>pledgeFulfilled</c>) and <paramref name="Condition"/> holds over the event's fields and the
/// module's current settings, the person the event names is proposed for a certificate of <paramref name="Kind"/>, for
/// <paramref name="Reason"/> (in each language; <c>{{ field }}</c> takes the event's value).
/// </summary>
public sealed record NominationRule(string Event, string Condition, string Kind, LocalizedText Reason);
