using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// Finds the modules of an installation: every folder of the modules directory, in the order of their names, read
/// and checked on its own so that a broken one fails alone (ManifestReader, ModuleTemplates), then the behaviour of
/// the code modules the build declared (CodeModules). An id or serial prefix already taken by a module loaded before
/// fails the later one: two modules issuing the same serials would make certificates ambiguous. So does a second
/// regional module for a home region, or a second national module: each home region has one module that speaks for its
/// people (<see cref="ModuleRegistry.HomeOf"/>: who answers their questions, issues their receipts, reminds them of
/// pledges), and folder order is no way to choose it.
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
        var homes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? national = null;
        return installed.Select(entry =>
        {
            if (entry.Module is not { Manifest: var manifest }) return entry;
            var file = $"{entry.Source.Folder}/{ManifestReader.FileName}";
            var path = Path.Combine(entry.Source.Path, ManifestReader.FileName);
            InstalledModule Refused(string field, string reason, string? at = null) =>
                entry with { Module = null, Errors = [new(file, ManifestReader.LineOf(path, at ?? field), $"{field}: {reason}")] };
            if (ids.TryGetValue(manifest.Id, out var owner))
                return Refused("id", $"'{manifest.Id}' is already the id of the module in folder {owner}");
            if (prefixes.TryGetValue(manifest.Issuer.SerialPrefix, out owner))
                return Refused("issuer.serialPrefix", $"'{manifest.Issuer.SerialPrefix}' is already the prefix of the module in folder {owner}");
            var isNational = manifest.Scope == ModuleScope.National;
            if (isNational && national is not null)
                return Refused("scope", $"'national': the module in folder {national} is already the national module");
            var taken = isNational ? -1 : manifest.Regions.ToList().FindIndex(homes.ContainsKey);
            if (taken >= 0 && manifest.Regions[taken] is var region)
                return Refused("regions", $"'{region}' is already the home region of the module in folder {homes[region]}; a region has one module", at: $"regions[{taken}]");
            ids[manifest.Id] = prefixes[manifest.Issuer.SerialPrefix] = entry.Source.Folder;
            if (isNational) national = entry.Source.Folder;
            else foreach (var home in manifest.Regions) homes[home] = entry.Source.Folder;
            return entry;
        }).ToList();
    }

    /// <summary>Loaded modules in the order pages list them: regional ones by folder, the national ones after.</summary>
    public static IEnumerable<LoadedModule> InPageOrder(IEnumerable<InstalledModule> installed) =>
        installed.Select(m => m.Module).OfType<LoadedModule>().OrderBy(m => m.Manifest.Scope == ModuleScope.National);
}
