using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.ModuleHost;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Modules.Tests;

public sealed class ModuleCatalogTests
{
    private static readonly TemplateStore Store = new(Options.Create(new TemplateOptions { Path = RepositoryPaths.Templates }));

    public static TheoryData<string> ModuleFolders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(RepositoryPaths.Modules)) data.Add(Path.GetFileName(folder));
        return data;
    }

    public static TheoryData<string> ModuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var module in ModuleCatalog.All) data.Add(module.Manifest.Id);
        return data;
    }

    [Theory, MemberData(nameof(ModuleFolders))]
    public void Every_module_folder_is_in_the_catalog(string folder)
    {
        var assemblies = ModuleCatalog.All.Select(m => m.GetType().Assembly.GetName().Name).ToList();
        Assert.Contains($"CampaignEngine.Modules.{folder}", assemblies);
    }

    [Fact]
    public void Module_ids_and_serial_prefixes_are_unique()
    {
        Assert.Equal(ModuleCatalog.All.Count, ModuleCatalog.All.Select(m => m.Manifest.Id).Distinct().Count());
        Assert.Equal(ModuleCatalog.All.Count, ModuleCatalog.All.Select(m => m.Manifest.Issuer.SerialPrefix).Distinct().Count());
    }

    [Theory, MemberData(nameof(ModuleIds))]
    public void Module_targets_known_regions_countries_and_languages(string id)
    {
        var manifest = ModuleCatalog.All.Single(m => m.Manifest.Id == id).Manifest;
        Assert.NotEmpty(manifest.Regions);
        Assert.All(manifest.Regions, r => Assert.NotNull(Regions.Find(r)));
        Assert.All(manifest.Countries, c => Assert.NotNull(Countries.Find(c)));
        Assert.All(manifest.Languages, l => Assert.True(Languages.IsKnown(l), l));
        Assert.All(manifest.Sectors, s => Assert.Contains(s, Vocabulary.Sectors));
        Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.Templates, id)), $"templates/{id}/ is missing");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(RepositoryPaths.Templates, id), "*.sbn"));
    }

    [Theory, MemberData(nameof(ModuleIds))]
    public void Every_declared_template_resolves_in_every_language_and_parses(string id)
    {
        var manifest = ModuleCatalog.All.Single(m => m.Manifest.Id == id).Manifest;
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
