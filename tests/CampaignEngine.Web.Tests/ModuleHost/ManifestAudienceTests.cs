using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Tests.ModuleHost;

/// <summary>
/// A manifest's presets and quiet dates: read into the manifest when good, and when not, the module fails alone with the
/// file, the line and the reason the campaign form would give for the same audience.
/// </summary>
public sealed class ManifestAudienceTests : IDisposable
{
    private const string Presets = """
          "presets": [
            { "id": "istanbul-women", "name": { "ky": "Стамбулдагы аялдар", "ru": "Женщины в Стамбуле", "en": "Women in Istanbul" },
              "genders": ["female"], "ageBands": ["25-29", "30-39"] },
            { "id": "kyrgyz-readers", "name": { "ky": "Кыргызча окугандар", "ru": "Читающие по-кыргызски", "en": "Kyrgyz readers" },
              "countries": ["tr"], "languages": ["ky"], "willing": ["yes", "unknown"] }
          ],
          "quietDates": [
            { "date": "03-21", "reason": { "ky": "Нооруз", "ru": "Нооруз", "en": "Nooruz" } },
            { "date": "2027-03-10", "reason": { "ky": "Орозо айт", "ru": "Орозо айт", "en": "Orozo Ait" } }
          ],
        """;

    private readonly string _modules = Directory.CreateTempSubdirectory("ce-presets").FullName;

    [Fact]
    public void Presets_and_quiet_dates_are_read_into_the_manifest_with_codes_as_the_product_stores_them()
    {
        var manifest = Loaded(Presets);

        Assert.Equal(["istanbul-women", "kyrgyz-readers"], manifest.Presets.Select(p => p.Id));
        var women = manifest.Preset("istanbul-women")!;
        Assert.Equal(("Women in Istanbul", null), (women.Name.En, women.Criteria.Countries));
        Assert.Equal(["female"], women.Criteria.Genders!);
        Assert.Equal(["TR"], manifest.Preset("kyrgyz-readers")!.Criteria.Countries!);
        Assert.Equal(["03-21", "2027-03-10"], manifest.QuietDates.Select(q => q.ToString()));
        Assert.True(manifest.QuietDates[0].Covers(new DateOnly(2031, 3, 21)));
        Assert.False(manifest.QuietDates[1].Covers(new DateOnly(2028, 3, 10)));
    }

    [Fact]
    public void A_module_without_presets_or_quiet_dates_has_none()
    {
        var manifest = Loaded("");

        Assert.Empty(manifest.Presets);
        Assert.Empty(manifest.QuietDates);
    }

    [Theory]
    [InlineData("\"genders\": [\"female\"]", "\"genders\": [\"woman\"]", "presets[0].genders: Unknown gender 'woman'; use female, male, other, unknown.")]
    [InlineData("\"countries\": [\"tr\"]", "\"countries\": [\"ZZ\"]", "presets[1].countries: Unknown country code 'ZZ' (use ISO 3166-1 alpha-2, e.g. AE).")]
    [InlineData("\"ageBands\": [\"25-29\", \"30-39\"]", "\"ageBands\": [\"25-35\"]", "presets[0].ageBands: Unknown age band '25-35'; use 18-24, 25-29, 30-39, 40-49, 50-59, 60+, unknown.")]
    [InlineData("\"id\": \"kyrgyz-readers\"", "\"id\": \"istanbul-women\"", "presets[1].id: 'istanbul-women' is already the id of another preset of this module")]
    [InlineData("\"date\": \"03-21\"", "\"date\": \"02-30\"", "quietDates[0].date: '02-30' is no day of the year (use MM-dd every year, yyyy-MM-dd once)")]
    public void A_bad_preset_or_quiet_date_fails_the_module_with_its_line_and_the_campaigns_own_reason(string from, string to, string reason)
    {
        var text = Manifest(Presets.Replace(from, to, StringComparison.Ordinal));
        Write(text);

        var failed = Assert.Single(ModuleLoader.Load(_modules, ModuleFolders.SharedTemplates, new Dictionary<string, string>()));
        Assert.Null(failed.Module);
        var error = Assert.Single(failed.Errors);
        Assert.Equal(("Chui/module.json", reason), (error.File, error.Reason));
        Assert.Equal(text[..text.LastIndexOf(to, StringComparison.Ordinal)].Count(c => c == '\n') + 1, error.Line);
    }

    [Fact]
    public void A_preset_field_the_schema_does_not_know_is_refused_by_name()
    {
        Write(Manifest(Presets.Replace("\"genders\"", "\"homeRegions\": [\"KG-C\"], \"genders\"", StringComparison.Ordinal)));

        var error = Assert.Single(Assert.Single(ModuleLoader.Load(_modules, ModuleFolders.SharedTemplates, new Dictionary<string, string>())).Errors);
        Assert.Contains("homeRegions", error.Reason, StringComparison.Ordinal);
        Assert.Contains("no additional properties allowed", error.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_modules, recursive: true);

    private ModuleManifest Loaded(string sections)
    {
        Write(Manifest(sections));
        var loaded = Assert.Single(ModuleLoader.Load(_modules, ModuleFolders.SharedTemplates, new Dictionary<string, string>()));
        Assert.Empty(loaded.Errors);
        return loaded.Module!.Manifest;
    }

    private void Write(string manifest)
    {
        ModuleFolders.Copy(ModuleFolders.TestChui, Path.Combine(_modules, "Chui"));
        File.WriteAllText(Path.Combine(_modules, "Chui", "module.json"), manifest);
    }

    /// <summary>The test module's manifest with <paramref name="sections"/> (JSON members ending in a comma) before its templates.</summary>
    private static string Manifest(string sections) =>
        File.ReadAllText(Path.Combine(ModuleFolders.TestChui, "module.json"))
            .Replace("  \"templates\":", sections + "\n  \"templates\":", StringComparison.Ordinal);
}
