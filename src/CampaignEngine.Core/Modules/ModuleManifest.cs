using CampaignEngine.Core.Reference;

namespace CampaignEngine.Core.Modules;

/// <summary>The declarative part of a module, as its <c>module.json</c> states it (README, "Modules").</summary>
/// <param name="Id">Stable id (e.g. <c>issyk-kul</c>): campaigns, certificates and edited templates are stored under it.</param>
/// <param name="Name">Display name in ky/ru/en.</param>
/// <param name="Regions">Home regions (ISO 3166-2) whose natives the module addresses.</param>
/// <param name="Countries">Host countries (ISO 3166-1 alpha-2) of the default audience.</param>
/// <param name="Languages">Languages the module's templates are written in, in fallback order.</param>
/// <param name="Issuer">The administration that signs the module's certificates.</param>
/// <param name="Templates">Template names the module declares (each must resolve in every language).</param>
/// <param name="Sectors">Priority sectors of the module's projects.</param>
/// <param name="Scope">Regional or national: the national module speaks for a home region without its own.</param>
/// <param name="Version">The module's own version, as its manifest states it.</param>
/// <param name="Settings">Settings its administration edits, with their defaults (none when the manifest declares none).</param>
/// <param name="Nominations">Declarative nomination rules, run on the events the host raises.</param>
public sealed partial record ModuleManifest(
    string Id,
    LocalizedText Name,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Languages,
    Issuer Issuer,
    IReadOnlyList<string> Templates,
    IReadOnlyList<string> Sectors,
    ModuleScope Scope = ModuleScope.Regional,
    string Version = "",
    IReadOnlyList<SettingDefinition>? Settings = null,
    IReadOnlyList<NominationRule>? Nominations = null)
{
    /// <summary>The declared settings, in manifest order.</summary>
    public IReadOnlyList<SettingDefinition> Settings { get; init; } = Settings ?? [];

    /// <summary>The declared nomination rules, in manifest order.</summary>
    public IReadOnlyList<NominationRule> Nominations { get; init; } = Nominations ?? [];

    /// <summary>
    /// What the module's appeal asks for when a campaign collects for no project of its own (the manifest's
    /// <c>cause</c>); null when the manifest names none.
    /// </summary>
    public AppealCause? Cause { get; init; }
}

/// <summary>A cause as messages name and describe it (<c>cause.title</c>, <c>cause.description</c>), in each language.</summary>
public sealed record AppealCause(LocalizedText Title, LocalizedText Description);

/// <summary>Whether a module addresses one region's natives or the whole diaspora.</summary>
public enum ModuleScope
{
    /// <summary>Natives of one region in the countries where they cluster.</summary>
    Regional,

    /// <summary>Natives of every region in the countries that host all of them.</summary>
    National,
}
