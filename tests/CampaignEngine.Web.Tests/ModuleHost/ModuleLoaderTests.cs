using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Tests.ModuleHost;

/// <summary>
/// Each way a module folder can be wrong fails that module alone, with the file, the line and the reason, while the
/// module beside it loads: bad JSON, a breach of the schema (field by field), a template that does not parse, an id or
/// serial prefix already taken, a region, country or sector the product does not know, a missing template.
/// </summary>
public sealed partial class ModuleLoaderTests : IDisposable
{
    private readonly string _modules = Directory.CreateTempSubdirectory("ce-modules").FullName;

    public ModuleLoaderTests() => ModuleFolders.Copy(ModuleFolders.TestChui, Path.Combine(_modules, "Good"));

    [Fact]
    public void A_good_data_module_loads_with_its_manifest_and_templates()
    {
        var good = Assert.Single(Load());

        Assert.Empty(good.Errors);
        Assert.Equal(("test-chui", "0.1.0", "TCH", ModuleKind.Data), (good.Module!.Manifest.Id, good.Module.Manifest.Version, good.Module.Manifest.Issuer.SerialPrefix, good.Source.Kind));
        Assert.Contains("appeal.ky.text.sbn", good.Source.Templates);
        Assert.Null(good.Module.Behaviour);
    }

    [Fact]
    public void Json_that_does_not_parse_is_reported_with_its_line()
    {
        Broken("Bad", "{\n  \"id\": \"bad\",\n  \"version\": ,\n}\n");

        var error = Assert.Single(FailureOf("Bad"));
        Assert.Equal(("Bad/module.json", 3), (error.File, error.Line));
        Assert.StartsWith("not valid JSON", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_that_breaks_the_schema_is_reported_field_by_field_with_lines()
    {
        var text = Manifest()
            .Replace("\"languages\": [\"ky\", \"ru\", \"en\"]", "\"languages\": [\"ky\", \"de\"]", StringComparison.Ordinal)
            .Replace("\"serialPrefix\": \"TCH\"", "\"serialPrefix\": \"tch\"", StringComparison.Ordinal)
            .Replace("\"scope\": \"regional\",", "\"scope\": \"regional\",\n  \"colour\": \"red\",", StringComparison.Ordinal);
        Broken("Schema", text);

        var errors = FailureOf("Schema");
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Reason.StartsWith("languages[1]: not in enumeration", StringComparison.Ordinal) && e.Line == LineOf(text, "\"de\""));
        Assert.Contains(errors, e => e.Reason.StartsWith("issuer.serialPrefix: pattern mismatch", StringComparison.Ordinal) && e.Line == LineOf(text, "\"tch\""));
        Assert.Contains(errors, e => e.Reason.Contains("colour", StringComparison.Ordinal) && e.Reason.Contains("no additional properties allowed", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Equal("Schema/module.json", e.File));
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        Broken("NoIssuer", Manifest().Replace("\"sectors\": [\"green_energy\"]", "\"sectorz\": []", StringComparison.Ordinal));

        var errors = FailureOf("NoIssuer");
        Assert.Contains(errors, e => e.Reason.Contains("sectors", StringComparison.Ordinal) && e.Reason.Contains("property required", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_reported_with_its_file_line_and_Scribans_message()
    {
        Broken("Template", Manifest().Replace("\"TCH\"", "\"TPL\"", StringComparison.Ordinal).Replace("test-chui", "test-template", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_modules, "Template", "templates", "appeal.ru.text.sbn"), "Здравствуйте,\n{{ if recipient.name }}\n");

        var error = Assert.Single(FailureOf("Template"));
        Assert.Equal(("Template/templates/appeal.ru.text.sbn", 2), (error.File, error.Line));
        Assert.StartsWith("the template does not parse:", error.Reason, StringComparison.Ordinal);
        Assert.Contains("end", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_template_missing_in_a_language_is_reported()
    {
        Broken("Missing", Manifest().Replace("\"TCH\"", "\"TMS\"", StringComparison.Ordinal).Replace("test-chui", "test-missing", StringComparison.Ordinal));
        File.Delete(Path.Combine(_modules, "Missing", "templates", "appeal.en.subject.sbn"));

        var error = Assert.Single(FailureOf("Missing"));
        Assert.Equal("Missing/templates", error.File);
        Assert.Contains("appeal.en.subject.sbn", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_module_with_a_taken_id_fails_and_names_the_first()
    {
        Broken("Twin", Manifest().Replace("\"TCH\"", "\"TWN\"", StringComparison.Ordinal));

        var error = Assert.Single(FailureOf("Twin"));
        Assert.Equal(("Twin/module.json", LineOf(Manifest(), "\"id\"")), (error.File, error.Line));
        Assert.Equal("id: 'test-chui' is already the id of the module in folder Good", error.Reason);
        Assert.Empty(Load().Single(m => m.Source.Folder == "Good").Errors);
    }

    [Fact]
    public void A_taken_serial_prefix_fails_the_later_module()
    {
        Broken("Zprefix", Manifest().Replace("test-chui", "test-prefix", StringComparison.Ordinal));

        Assert.Equal("issuer.serialPrefix: 'TCH' is already the prefix of the module in folder Good", Assert.Single(FailureOf("Zprefix")).Reason);
    }

    [Fact]
    public void A_second_regional_module_for_a_taken_home_region_fails_and_names_the_first()
    {
        var text = Manifest().Replace("test-chui", "test-chui-two", StringComparison.Ordinal).Replace("\"TCH\"", "\"TCW\"", StringComparison.Ordinal)
            .Replace("\"regions\": [\"KG-C\"]", "\"regions\": [\"KG-T\", \"KG-C\"]", StringComparison.Ordinal);
        Broken("Second", text);

        var error = Assert.Single(FailureOf("Second"));
        Assert.Equal(("Second/module.json", LineOf(text, "\"regions\"")), (error.File, error.Line));
        Assert.Equal("regions: 'KG-C' is already the home region of the module in folder Good; a region has one module", error.Reason);
        Assert.Empty(Load().Single(m => m.Source.Folder == "Good").Errors);
    }

    [Fact]
    public void A_second_national_module_fails_and_a_regional_one_beside_a_national_one_loads()
    {
        string National(string id, string prefix) => Manifest().Replace("test-chui", id, StringComparison.Ordinal)
            .Replace("\"TCH\"", $"\"{prefix}\"", StringComparison.Ordinal).Replace("\"regional\"", "\"national\"", StringComparison.Ordinal);
        Broken("National", National("test-national", "TNA"));
        Broken("Other", National("test-other", "TOT"));

        Assert.Equal("scope: 'national': the module in folder National is already the national module", Assert.Single(FailureOf("Other")).Reason);
        Assert.All(Load().Where(m => m.Source.Folder is "Good" or "National"), m => Assert.Empty(m.Errors));
    }

    [Theory]
    [InlineData("\"regions\": [\"KG-C\"]", "\"regions\": [\"KG-Z\"]", "regions: unknown region code 'KG-Z'")]
    [InlineData("\"countries\": [\"TR\"]", "\"countries\": [\"ZZ\"]", "countries: unknown country code 'ZZ'")]
    [InlineData("\"sectors\": [\"green_energy\"]", "\"sectors\": [\"space_travel\"]", "sectors: unknown sector 'space_travel'")]
    public void A_code_the_product_does_not_know_is_reported_with_its_line(string from, string to, string reason)
    {
        var text = Manifest().Replace(from, to, StringComparison.Ordinal).Replace("test-chui", "test-codes", StringComparison.Ordinal).Replace("\"TCH\"", "\"TCD\"", StringComparison.Ordinal);
        Broken("Codes", text);

        var error = Assert.Single(FailureOf("Codes"));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(text, to.Split(':')[0]), error.Line);
    }

    [Fact]
    public void A_folder_without_a_manifest_and_a_code_module_without_its_folder_are_reported()
    {
        Directory.CreateDirectory(Path.Combine(_modules, "Empty"));

        var installed = ModuleLoader.Load(_modules, ModuleFolders.SharedTemplates, new Dictionary<string, string> { ["Gone"] = "CampaignEngine.Modules.Gone" });

        Assert.Equal("the folder has no module.json", Assert.Single(installed.Single(m => m.Source.Folder == "Empty").Errors).Reason);
        var gone = installed.Single(m => m.Source.Folder == "Gone");
        Assert.Equal(ModuleKind.Code, gone.Source.Kind);
        Assert.Contains("not in the modules directory", Assert.Single(gone.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_the_host_validates_with_is_the_file_that_ships()
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "modules", "module.schema.json"));

        Assert.Equal(shipped, ManifestReader.SchemaText);
        Assert.Equal(shipped, File.ReadAllText(Path.Combine(ModuleFolders.Shipped, "module.schema.json")));
    }

    public void Dispose() => Directory.Delete(_modules, recursive: true);

    private IReadOnlyList<InstalledModule> Load() => ModuleLoader.Load(_modules, ModuleFolders.SharedTemplates, new Dictionary<string, string>());

    private IReadOnlyList<ModuleLoadError> FailureOf(string folder)
    {
        var installed = Load();
        Assert.Empty(installed.Single(m => m.Source.Folder == "Good").Errors);
        var failed = installed.Single(m => m.Source.Folder == folder);
        Assert.Null(failed.Module);
        return failed.Errors;
    }

    /// <summary>A copy of the good module under <paramref name="folder"/> with <paramref name="manifest"/> as its module.json.</summary>
    private void Broken(string folder, string manifest)
    {
        ModuleFolders.Copy(ModuleFolders.TestChui, Path.Combine(_modules, folder));
        File.WriteAllText(Path.Combine(_modules, folder, "module.json"), manifest);
    }

    private static string Manifest() => File.ReadAllText(Path.Combine(ModuleFolders.TestChui, "module.json"));

    private static int LineOf(string text, string fragment) =>
        text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
