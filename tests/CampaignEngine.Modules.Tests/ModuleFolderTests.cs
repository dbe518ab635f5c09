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

    [Fact]
    public void Each_home_region_of_the_vocabulary_is_served_by_exactly_one_regional_module()
    {
        var regional = RepositoryModules.All.Where(m => m.Scope == Core.Modules.ModuleScope.Regional).ToList();

        Assert.Equal(9, Regions.All.Count);
        foreach (var region in Regions.All)
        {
            var own = Assert.Single(regional, m => m.Regions.Contains(region.Code));
            // The fallback to the national module is for a person with no or an unknown home region only.
            Assert.Equal(own.Id, RepositoryModules.Registry.HomeOf(region.Code)?.Id);
        }
        Assert.Equal(RepositoryModules.Registry.HomeOf(null)?.Id, RepositoryModules.Registry.HomeOf("KG-Z")?.Id);
        Assert.Equal(10, RepositoryModules.All.Count);
    }

    [Theory]
    [InlineData("osh", "KG-O", "", "Администрация Ошской области", "Полномочный представитель Президента в Ошской области")]
    [InlineData("chui", "KG-C", "", "Администрация Чуйской области", "Полномочный представитель Президента в Чуйской области")]
    [InlineData("bishkek", "KG-GB", "AT,BE,CH", "Мэрия города Бишкек", "Мэр города Бишкек")]
    [InlineData("osh-city", "KG-GO", "", "Мэрия города Ош", "Мэр города Ош")]
    public void A_new_region_s_module_has_the_report_s_countries_and_its_own_administration_as_issuer(
        string id, string region, string countries, string issuer, string signatoryTitle)
    {
        var module = RepositoryModules.Manifest(id);

        Assert.Equal([region], module.Regions);
        Assert.Equal(countries, string.Join(",", module.Countries.Order(StringComparer.Ordinal)));
        Assert.Equal((issuer, signatoryTitle), (module.Issuer.Name.Ru, module.Issuer.SignatoryTitle.Ru));
        Assert.DoesNotContain(RepositoryModules.All, m => m.Id != id && m.Issuer.Name.Ky == module.Issuer.Name.Ky);
        Assert.NotEmpty(module.Issuer.SignatoryName);
    }

    [Fact]
    public void Switzerland_is_Bishkek_s_alone_and_Austria_and_Belgium_are_shared_as_the_report_says()
    {
        string[] Serving(string country) => [.. RepositoryModules.All
            .Where(m => m.Scope == Core.Modules.ModuleScope.Regional && m.Countries.Contains(country)).Select(m => m.Id).Order(StringComparer.Ordinal)];

        Assert.Equal(["bishkek"], Serving("CH"));
        Assert.Equal(["bishkek", "jalal-abad"], Serving("AT"));
        Assert.Equal(["bishkek", "issyk-kul"], Serving("BE"));
        // Russia, Kazakhstan and Ukraine host every region: the national module's audience, no regional default.
        Assert.All(new[] { "RU", "KZ", "UA" }, c => Assert.Empty(Serving(c)));
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
