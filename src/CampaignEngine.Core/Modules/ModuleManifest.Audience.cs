namespace CampaignEngine.Core.Modules;

/// <summary>What a module's manifest says about its audience and its calendar, beside who it is (<c>presets</c>, <c>quietDates</c>).</summary>
public sealed partial record ModuleManifest
{
    /// <summary>Named audiences a campaign of the module may start from (the campaign form lists them).</summary>
    public IReadOnlyList<AudiencePreset> Presets { get; init; } = [];

    /// <summary>Days no message of the module goes out, in each recipient's own calendar, beside a campaign's own quiet dates.</summary>
    public IReadOnlyList<QuietDate> QuietDates { get; init; } = [];

    /// <summary>The preset <paramref name="id"/> of this module; null when it has none by that id.</summary>
    public AudiencePreset? Preset(string? id) => Presets.FirstOrDefault(p => p.Id == id);
}
