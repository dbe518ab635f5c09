using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>A data module is a manifest and templates; a code module adds a class library for behaviour.</summary>
internal enum ModuleKind
{
    Data,
    Code,
}

/// <summary>Loaded and running; failed to load (and reported); or loaded but not among <c>Modules:Enabled</c>.</summary>
internal enum ModuleState
{
    Loaded,
    Failed,
    Disabled,
}

/// <summary>
/// Why a module did not load: the file (relative to the modules folder), the line counted from one when the problem
/// has a place in it, and the reason in words.
/// </summary>
internal sealed record ModuleLoadError(string File, int? Line, string Reason)
{
    public override string ToString() => Line is { } line ? $"{File}, line {line}: {Reason}" : $"{File}: {Reason}";
}

/// <summary>Where a module comes from: its folder's name and full path, its kind, and its template files' names.</summary>
internal sealed record ModuleSource(string Folder, string Path, ModuleKind Kind, IReadOnlyList<string> Templates)
{
    public string TemplatesPath => System.IO.Path.Combine(Path, "templates");
}

/// <summary>A module that loaded: its manifest, where it came from, and the behaviour of a code module.</summary>
internal sealed record LoadedModule(ModuleManifest Manifest, ModuleSource Source, ICampaignModule? Behaviour);

/// <summary>One folder of the modules directory (or a code module without one) as the loader found it.</summary>
internal sealed record InstalledModule(ModuleSource Source, LoadedModule? Module, IReadOnlyList<ModuleLoadError> Errors);

/// <summary>An installed module as the Modules page and <c>GET /api/modules</c> show it.</summary>
internal sealed record ModuleStatus(ModuleSource Source, ModuleState State, ModuleManifest? Manifest, IReadOnlyList<ModuleLoadError> Errors);
