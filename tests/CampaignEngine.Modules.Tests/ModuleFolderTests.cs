using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.ModuleHost;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Modules.Tests;

/// <summary>Every folder under modules/ is a module that loads, targets what the product knows, and has its templates.</summary>
public sealed class ModuleFolderTests
{
    private static readonly TemplateStore Store = new(Options.Create(new TemplateOptions { Path = RepositoryPaths.Templates }), RepositoryModules.Registry);

    public static TheoryData<string> ModuleFolders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(RepositoryPaths.Modules).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(folder));
        return data;
    }

    public static TheoryData<string> ModuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var module in RepositoryModules.All) data.Add(module.Id);
        return data;
    }

    [Theory, MemberData(nameof(ModuleFolders))]
    public void Every_module_folder_loads(string folder)
    {
        var installed = Assert.Single(RepositoryModules.Registry.Statuses(), m => m.Source.Folder == folder);

        Assert.True(installed.State == ModuleState.Loaded, $"{folder}: {string.Join("; ", installed.Errors)}");
        Assert.Equal(CodeModules.Declared.ContainsKey(folder) ? ModuleKind.Code : ModuleKind.Data, installed.Source.Kind);
        Assert.Matches(@"^\d+\.\d+(\.\d+)?$", installed.Manifest!.Version);
    }

    [Fact]
    public void Module_ids_and_serial_prefixes_are_unique()
    {
        var all = RepositoryModules.All;
        Assert.Equal(all.Count, all.Select(m => m.Id).Distinct().Count());
        Assert.Equal(all.Count, all.Select(m => m.Issuer.SerialPrefix).Distinct().Count());
    }

    [Fact]
    public void Exactly_one_module_is_national_and_speaks_for_a_region_without_its_own()
    {
        var national = Assert.Single(RepositoryModules.All, m => m.Scope == Core.Modules.ModuleScope.National);

        Assert.Equal(national.Id, RepositoryModules.Registry.HomeOf(null)?.Id);
        Assert.Equal(Regions.All.Select(r => r.Code).Order(StringComparer.Ordinal), national.Regions.Order(StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(ModuleIds))]
    public void Module_targets_known_regions_countries_and_languages(string id)
    {
        var manifest = RepositoryModules.Manifest(id);
        Assert.NotEmpty(manifest.Regions);
        Assert.All(manifest.Regions, r => Assert.NotNull(Regions.Find(r)));
        Assert.All(manifest.Countries, c => Assert.NotNull(Countries.Find(c)));
        Assert.All(manifest.Languages, l => Assert.True(Languages.IsKnown(l), l));
        Assert.All(manifest.Sectors, s => Assert.Contains(s, Vocabulary.Sectors));
        Assert.NotEmpty(Directory.GetFiles(RepositoryModules.Registry.TemplatesOf(id)!, "*.sbn"));
    }

    [Theory, MemberData(nameof(ModuleIds))]
    public void Every_declared_template_resolves_in_every_language_and_parses(string id)
    {
        var manifest = RepositoryModules.Manifest(id);
        foreach (var template in manifest.Templates)
        {
            // A certificate is a printable page; messages need a subject and a text.
            string[] parts = template == "certificate" ? ["html"] : ["subject", "text"];
            foreach (var language in manifest.Languages)
            foreach (var part in parts)
            {
                var source = Store.Find(manifest.Id, manifest.Languages, template, language, part);
                Assert.True(source is not null, $"{id}: template '{template}' part '{part}' not found for '{language}'");
                Assert.True(source.Language == language, $"{id}: '{template}.{part}' in '{language}' falls back to '{source.Language}'");
                Store.Parse(source);
            }
        }
    }
}
