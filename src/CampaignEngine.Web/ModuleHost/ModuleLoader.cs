using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// Finds the modules of an installation: every folder of the modules directory, in the order of their names, read
/// and checked on its own so that a broken one fails alone (ManifestReader, ModuleTemplates), then the behaviour of
/// the code modules the build declared (CodeModules). An id or serial prefix already taken by a module loaded before
/// fails the later one: two modules issuing the same serials would make certificates ambiguous.
/// </summary>
internal static class ModuleLoader
{
    public static IReadOnlyList<InstalledModule> Load(string modulesPath, string sharedTemplates, IReadOnlyDictionary<string, string> codeModules)
    {
        var folders = Directory.Exists(modulesPath)
            ? Directory.GetDirectories(modulesPath).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
            : [];
        var installed = folders.Select(folder => LoadFolder(modulesPath, folder, sharedTemplates, codeModules.GetValueOrDefault(folder))).ToList();
        installed.AddRange(codeModules.Keys.Except(folders, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(folder => new InstalledModule(
            new ModuleSource(folder, Path.Combine(modulesPath, folder), ModuleKind.Code, []), null,
            [new($"{folder}/{ManifestReader.FileName}", null, $"the code module {codeModules[folder]} was built into the host, but its folder is not in the modules directory")])));
        return RefuseDuplicates(installed);
    }

    private static InstalledModule LoadFolder(string modulesPath, string folder, string sharedTemplates, string? assembly)
    {
        var path = Path.Combine(modulesPath, folder);
        var source = new ModuleSource(folder, path, assembly is null ? ModuleKind.Data : ModuleKind.Code,
            ModuleTemplates.Files(Path.Combine(path, "templates")));
        var manifestFile = Path.Combine(path, ManifestReader.FileName);
        if (!File.Exists(manifestFile))
            return new(source, null, [new($"{folder}/{ManifestReader.FileName}", null, "the folder has no module.json")]);
        var reading = ManifestReader.Read(manifestFile, $"{folder}/{ManifestReader.FileName}");
        if (reading.Manifest is not { } manifest) return new(source, null, reading.Errors);
        var templateErrors = ModuleTemplates.Check(source, manifest, sharedTemplates).ToList();
        if (templateErrors.Count > 0) return new(source, null, templateErrors);
        if (assembly is null) return new(source, new LoadedModule(manifest, source, null), []);
        try
        {
            return new(source, new LoadedModule(manifest, source, CodeModules.Behaviour(assembly)), []);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or InvalidOperationException or TypeLoadException or MissingMethodException or System.Reflection.TargetInvocationException)
        {
            return new(source, null, [new($"{folder}/{assembly}.dll", null, "the module's code did not load: " + ex.Message)]);
        }
    }

    private static List<InstalledModule> RefuseDuplicates(List<InstalledModule> installed)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        return installed.Select(entry =>
        {
            if (entry.Module is not { Manifest: var manifest }) return entry;
            var file = $"{entry.Source.Folder}/{ManifestReader.FileName}";
            var path = Path.Combine(entry.Source.Path, ManifestReader.FileName);
            if (ids.TryGetValue(manifest.Id, out var owner))
                return entry with { Module = null, Errors = [new(file, ManifestReader.LineOf(path, "id"), $"id: '{manifest.Id}' is already the id of the module in folder {owner}")] };
            if (prefixes.TryGetValue(manifest.Issuer.SerialPrefix, out owner))
                return entry with { Module = null, Errors = [new(file, ManifestReader.LineOf(path, "issuer.serialPrefix"), $"issuer.serialPrefix: '{manifest.Issuer.SerialPrefix}' is already the prefix of the module in folder {owner}")] };
            ids[manifest.Id] = prefixes[manifest.Issuer.SerialPrefix] = entry.Source.Folder;
            return entry;
        }).ToList();
    }

    /// <summary>Loaded modules in the order pages list them: regional ones by folder, the national ones after.</summary>
    public static IEnumerable<LoadedModule> InPageOrder(IEnumerable<InstalledModule> installed) =>
        installed.Select(m => m.Module).OfType<LoadedModule>().OrderBy(m => m.Manifest.Scope == ModuleScope.National);
}
