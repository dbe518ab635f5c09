using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Architecture;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CampaignEngine.Web.Tests.ModuleHost;

/// <summary>
/// The manifest's schema is checked by the host's own reader of the JSON Schema words that <c>module.schema.json</c>
/// uses (a general validator cost 144–188 ms of every start): each breach with its field, line and kind, and a word the
/// reader does not know stops the start instead of passing unchecked.
/// </summary>
public sealed class ManifestSchemaTests
{
    private static readonly ManifestSchema Shipped = ManifestSchema.Load(ManifestReader.SchemaText);

    [Fact]
    public void The_shipped_modules_pass_the_schema()
    {
        foreach (var manifest in Directory.EnumerateFiles(Path.Combine(SourceTree.RepositoryRoot(), "modules"), ManifestReader.FileName, SearchOption.AllDirectories))
            Assert.True(Shipped.Check(Parse(File.ReadAllText(manifest))).Count == 0, manifest);
    }

    [Theory]
    [InlineData("\"version\": \"0.1.0\"", "\"version\": 1", "version", nameof(SchemaBreachKind.StringExpected))]
    [InlineData("\"regions\": [\"KG-C\"]", "\"regions\": []", "regions", nameof(SchemaBreachKind.TooFewItems))]
    [InlineData("\"regions\": [\"KG-C\"]", "\"regions\": [\"KG-C\", \"KG-C\"]", "regions", nameof(SchemaBreachKind.ItemsNotUnique))]
    [InlineData("\"serialPrefix\": \"TCH\"", "\"serialPrefix\": \"TCHTCHT\"", "issuer.serialPrefix", nameof(SchemaBreachKind.PatternMismatch))]
    [InlineData("\"scope\": \"regional\"", "\"scope\": \"oblast\"", "scope", nameof(SchemaBreachKind.NotInEnumeration))]
    [InlineData("\"issuer\": {", "\"issuer\": { \"seal\": true,", "issuer.seal", nameof(SchemaBreachKind.NoAdditionalPropertiesAllowed))]
    [InlineData("\"countries\": [\"TR\"]", "\"countries\": \"TR\"", "countries", nameof(SchemaBreachKind.ArrayExpected))]
    public void Each_breach_names_its_field_its_line_and_its_kind(string from, string to, string field, string kind)
    {
        var text = Manifest().Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Manifest(), text);

        var breach = Assert.Single(Shipped.Check(Parse(text)));

        Assert.Equal((field, kind), (breach.Path, breach.Kind.ToString()));
        Assert.Equal(text[..text.IndexOf(to, StringComparison.Ordinal)].Count(c => c == '\n') + 1, breach.Line);
    }

    [Fact]
    public void Lengths_numbers_and_the_types_of_a_setting_s_default_are_checked_through_the_schema_s_definitions()
    {
        var text = Manifest().Replace("\"sectors\": [\"green_energy\"]",
            "\"sectors\": [\"green_energy\"],\n  \"settings\": [{ \"key\": \"k\", \"type\": \"text\", \"default\": true, \"maxLength\": 0, \"label\": { \"ky\": \"\", \"ru\": \"р\", \"en\": \"e\" } }]",
            StringComparison.Ordinal);

        var breaches = Shipped.Check(Parse(text)).Select(b => (b.Path, b.Kind)).ToList();

        Assert.Equal([("settings[0].default", SchemaBreachKind.NoTypeValidates), ("settings[0].maxLength", SchemaBreachKind.NumberTooSmall),
            ("settings[0].label.ky", SchemaBreachKind.StringTooShort)], breaches);
    }

    [Fact]
    public void A_missing_field_is_named_at_the_object_that_lacks_it()
    {
        var text = Manifest().Replace("\"serialPrefix\": \"TCH\"", "\"prefix\": \"TCH\"", StringComparison.Ordinal);

        var breaches = Shipped.Check(Parse(text));

        Assert.Contains(breaches, b => b is { Path: "issuer.serialPrefix", Kind: SchemaBreachKind.PropertyRequired });
        Assert.Contains(breaches, b => b is { Path: "issuer.prefix", Kind: SchemaBreachKind.NoAdditionalPropertiesAllowed });
    }

    [Theory]
    [InlineData("""{ "type": "object", "properties": { "id": { "type": "string", "format": "email" } } }""", "format")]
    [InlineData("""{ "type": "object", "oneOf": [{ "required": ["id"] }] }""", "oneOf")]
    public void A_schema_word_the_host_does_not_check_stops_it_instead_of_passing_unchecked(string schema, string word)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ManifestSchema.Load(schema));

        Assert.Contains(word, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_does_not_load_a_general_schema_validator()
    {
        Assert.DoesNotContain(typeof(ManifestReader).Assembly.GetReferencedAssemblies(), name => name.Name!.StartsWith("NJsonSchema", StringComparison.Ordinal));
    }

    private static string Manifest() => File.ReadAllText(Path.Combine(ModuleFolders.TestChui, ManifestReader.FileName)).ReplaceLineEndings("\n");

    private static JToken Parse(string text) => JToken.Parse(text, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
}
