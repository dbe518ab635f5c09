using System.Text.RegularExpressions;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>What reading one <c>module.json</c> gave: the manifest, or every reason it was refused.</summary>
internal sealed record ManifestReading(ModuleManifest? Manifest, IReadOnlyList<ModuleLoadError> Errors);

/// <summary>
/// Reads a module's <c>module.json</c>: JSON first (a syntax error with its line), then the shipped schema
/// (<c>modules/module.schema.json</c>, embedded in the host: every breach with its field and line), then the
/// product's vocabularies, which a schema cannot hold (a region, country or sector code the product does not know).
/// </summary>
internal static partial class ManifestReader
{
    public const string FileName = "module.json";

    private static readonly Lazy<ManifestSchema> Schema = new(() => ManifestSchema.Load(SchemaText));

    /// <summary>The schema the host validates with: the file that ships as <c>modules/module.schema.json</c>.</summary>
    public static string SchemaText
    {
        get
        {
            using var stream = typeof(ManifestReader).Assembly.GetManifestResourceStream("CampaignEngine.Web.module.schema.json")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Reads <paramref name="path"/>; errors name the file as <paramref name="shownAs"/>, lines count from one.</summary>
    public static ManifestReading Read(string path, string shownAs)
    {
        var text = File.ReadAllText(path);
        // System.Text.Json holds to the JSON standard, where Json.NET would let a missing value or a comment pass.
        System.Text.Json.JsonDocument strict;
        try
        {
            strict = System.Text.Json.JsonDocument.Parse(text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // Its message counts lines from zero; the line is given apart, from one.
            var reason = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            return new(null, [new(shownAs, (int?)(ex.LineNumber + 1), "not valid JSON: " + reason)]);
        }
        using (strict) return Read(text, strict.RootElement, shownAs);
    }

    /// <summary>
    /// A manifest that is standard JSON, read with Json.NET for its lines; the settings' defaults are read from
    /// <paramref name="strict"/>, the same text as System.Text.Json has it.
    /// </summary>
    private static ManifestReading Read(string text, System.Text.Json.JsonElement strict, string shownAs)
    {
        JToken json;
        try
        {
            json = JToken.Parse(text, new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
            });
        }
        catch (JsonReaderException ex)
        {
            return new(null, [new(shownAs, ex.LineNumber > 0 ? ex.LineNumber : null, "not valid JSON: " + ex.Message)]);
        }
        var errors = Schema.Value.Check(json).Select(breach => new ModuleLoadError(shownAs, breach.Line, Describe(breach))).ToList();
        if (errors.Count == 0) errors.AddRange(UnknownCodes(json, shownAs));
        if (errors.Count == 0) errors.AddRange(ManifestAudience.Problems(json, shownAs));
        return errors.Count > 0 ? new(null, errors) : ManifestSettings.Complete(ManifestAudience.With(ToManifest(json), json), json, strict, shownAs);
    }

    /// <summary>The line of the value at <paramref name="jsonPath"/> (e.g. <c>issuer.serialPrefix</c>) in a manifest that read well.</summary>
    public static int? LineOf(string path, string jsonPath) =>
        JToken.Parse(File.ReadAllText(path), new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load }).SelectToken(jsonPath) is IJsonLineInfo info
            && info.HasLineInfo() ? info.LineNumber : null;

    private static string Describe(SchemaBreach breach)
    {
        var field = breach.Path.Length > 0 ? breach.Path : "(the manifest)";
        var words = Words().Replace(breach.Kind.ToString(), " $1").ToLowerInvariant();
        var expected = breach.Kind switch
        {
            SchemaBreachKind.PatternMismatch => $" (expected to match {breach.Schema["pattern"]})",
            SchemaBreachKind.NotInEnumeration => $" (expected one of {string.Join(", ", breach.Schema["enum"]!.Select(v => (string?)v))})",
            SchemaBreachKind.NoAdditionalPropertiesAllowed => " (the schema has no such field)",
            _ => "",
        };
        return $"{field}: {words}{expected}";
    }

    private static IEnumerable<ModuleLoadError> UnknownCodes(JToken json, string shownAs)
    {
        foreach (var code in json["regions"]!.Where(c => Regions.Find((string?)c) is null))
            yield return At(code, shownAs, $"regions: unknown region code '{code}' (the product knows {string.Join(", ", Regions.All.Select(r => r.Code))})");
        foreach (var code in json["countries"]!.Where(c => Countries.Find((string?)c) is null))
            yield return At(code, shownAs, $"countries: unknown country code '{code}'");
        foreach (var code in json["sectors"]!.Where(c => !Vocabulary.Sectors.Contains((string?)c)))
            yield return At(code, shownAs, $"sectors: unknown sector '{code}' (the product knows {string.Join(", ", Vocabulary.Sectors)})");
    }

    internal static ModuleLoadError At(JToken token, string shownAs, string reason) =>
        new(shownAs, ((IJsonLineInfo)token).HasLineInfo() ? ((IJsonLineInfo)token).LineNumber : null, reason);

    private static ModuleManifest ToManifest(JToken json)
    {
        var issuer = json["issuer"]!;
        return new ModuleManifest(
            Id: (string)json["id"]!,
            Name: Localized(json["name"]!),
            Regions: Strings(json["regions"]!),
            Countries: Strings(json["countries"]!),
            Languages: Strings(json["languages"]!),
            Issuer: new Issuer(Localized(issuer["name"]!), Localized(issuer["signatoryTitle"]!),
                (string?)issuer["signatoryName"] ?? "", (string)issuer["serialPrefix"]!),
            Templates: Strings(json["templates"]!),
            Sectors: Strings(json["sectors"]!),
            Scope: (string)json["scope"]! == "national" ? ModuleScope.National : ModuleScope.Regional,
            Version: (string)json["version"]!)
        {
            Cause = json["cause"] is { } cause ? new AppealCause(Localized(cause["title"]!), Localized(cause["description"]!)) : null,
        };
    }

    internal static LocalizedText Localized(JToken text) => new((string)text["ky"]!, (string)text["ru"]!, (string)text["en"]!);

    private static string[] Strings(JToken array) => [.. array.Select(item => (string)item!)];

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
