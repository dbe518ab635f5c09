using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>How a value breaks the manifest's schema; the reason's words are made from the name.</summary>
internal enum SchemaBreachKind
{
    StringExpected,
    NumberExpected,
    IntegerExpected,
    BooleanExpected,
    ArrayExpected,
    ObjectExpected,
    NullExpected,
    NoTypeValidates,
    NotInEnumeration,
    PatternMismatch,
    StringTooShort,
    StringTooLong,
    NumberTooSmall,
    NumberTooBig,
    TooFewItems,
    TooManyItems,
    ItemsNotUnique,
    PropertyRequired,
    NoAdditionalPropertiesAllowed,
}

/// <summary>One breach: where (<c>issuer.serialPrefix</c>, <c>languages[1]</c>), its line (from one), how, and the schema broken.</summary>
internal sealed record SchemaBreach(string Path, int? Line, SchemaBreachKind Kind, JObject Schema);

/// <summary>
/// Checks a manifest against <c>modules/module.schema.json</c>: the part of JSON Schema (draft 7) that file uses
/// (<c>type</c>, <c>enum</c>, <c>pattern</c>, lengths, <c>minimum</c>/<c>maximum</c>, <c>minItems</c>, <c>uniqueItems</c>,
/// <c>items</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties: false</c>, and <c>$ref</c> to its own
/// <c>definitions</c>). A general validator (NJsonSchema) cost 144–188 ms of every start to load itself and read the
/// schema; this reads the schema as plain JSON. A keyword it does not know fails the start (<see cref="Load"/>), so the
/// schema cannot grow a rule that nobody checks.
/// </summary>
internal sealed class ManifestSchema
{
    private static readonly HashSet<string> Understood =
    [
        "$schema", "$id", "$ref", "title", "description", "type", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "minItems", "maxItems", "uniqueItems", "items", "required", "properties", "additionalProperties", "definitions",
    ];

    private readonly JObject _root;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private ManifestSchema(JObject root) => _root = root;

    /// <summary>Reads the schema's text; throws if it uses a keyword this class does not check.</summary>
    public static ManifestSchema Load(string text)
    {
        var root = JObject.Parse(text);
        var unknown = root.Descendants().OfType<JProperty>()
            .Where(p => p.Name != "properties" && p.Parent?.Parent is not JProperty { Name: "properties" or "definitions" })
            .Select(p => p.Name).Where(name => !Understood.Contains(name)).Distinct().ToList();
        if (unknown.Count > 0) throw new InvalidOperationException($"module.schema.json uses keywords the host does not check: {string.Join(", ", unknown)}");
        return new ManifestSchema(root);
    }

    /// <summary>Every breach of <paramref name="value"/>, in document order (a value of the wrong type is one breach, not more).</summary>
    public IReadOnlyList<SchemaBreach> Check(JToken value)
    {
        var breaches = new List<SchemaBreach>();
        Check(_root, value, "", breaches);
        return breaches;
    }

    private void Check(JObject schema, JToken value, string path, List<SchemaBreach> breaches)
    {
        if (schema["$ref"] is JValue reference) schema = Resolve((string)reference!);
        if (schema["type"] is { } type && !OfType(type, value))
        {
            breaches.Add(Breach(path, value, Expected(type), schema));
            return;
        }
        if (schema["enum"] is JArray allowed && !allowed.Any(a => JToken.DeepEquals(a, value)))
            breaches.Add(Breach(path, value, SchemaBreachKind.NotInEnumeration, schema));
        switch (value)
        {
            case JValue { Type: JTokenType.String } text:
                CheckText(schema, (string)text!, path, value, breaches);
                break;
            case JValue { Type: JTokenType.Integer or JTokenType.Float } number:
                CheckNumber(schema, (double)number, path, value, breaches);
                break;
            case JArray array:
                CheckArray(schema, array, path, breaches);
                break;
            case JObject obj:
                CheckObject(schema, obj, path, breaches);
                break;
        }
    }

    private void CheckText(JObject schema, string text, string path, JToken value, List<SchemaBreach> breaches)
    {
        if (schema["pattern"] is JValue pattern && !Pattern((string)pattern!).IsMatch(text))
            breaches.Add(Breach(path, value, SchemaBreachKind.PatternMismatch, schema));
        if (schema["minLength"] is JValue min && text.Length < (int)min)
            breaches.Add(Breach(path, value, SchemaBreachKind.StringTooShort, schema));
        if (schema["maxLength"] is JValue max && text.Length > (int)max)
            breaches.Add(Breach(path, value, SchemaBreachKind.StringTooLong, schema));
    }

    private static void CheckNumber(JObject schema, double number, string path, JToken value, List<SchemaBreach> breaches)
    {
        if (schema["minimum"] is JValue min && number < (double)min)
            breaches.Add(Breach(path, value, SchemaBreachKind.NumberTooSmall, schema));
        if (schema["maximum"] is JValue max && number > (double)max)
            breaches.Add(Breach(path, value, SchemaBreachKind.NumberTooBig, schema));
    }

    private void CheckArray(JObject schema, JArray array, string path, List<SchemaBreach> breaches)
    {
        if (schema["minItems"] is JValue min && array.Count < (int)min)
            breaches.Add(Breach(path, array, SchemaBreachKind.TooFewItems, schema));
        if (schema["maxItems"] is JValue max && array.Count > (int)max)
            breaches.Add(Breach(path, array, SchemaBreachKind.TooManyItems, schema));
        if (schema["uniqueItems"] is JValue { Type: JTokenType.Boolean } unique && (bool)unique
            && array.Select((item, i) => array.Take(i).Any(before => JToken.DeepEquals(before, item))).Any(repeated => repeated))
            breaches.Add(Breach(path, array, SchemaBreachKind.ItemsNotUnique, schema));
        if (schema["items"] is not JObject items) return;
        for (var i = 0; i < array.Count; i++) Check(items, array[i], $"{path}[{i}]", breaches);
    }

    private void CheckObject(JObject schema, JObject obj, string path, List<SchemaBreach> breaches)
    {
        var properties = schema["properties"] as JObject;
        foreach (var required in schema["required"] as JArray ?? [])
        {
            if (obj.Property((string)required!, StringComparison.Ordinal) is null)
                breaches.Add(Breach(Join(path, (string)required!), obj, SchemaBreachKind.PropertyRequired, schema));
        }
        foreach (var property in obj.Properties())
        {
            if (properties?[property.Name] is JObject propertySchema) Check(propertySchema, property.Value, Join(path, property.Name), breaches);
            else if (schema["additionalProperties"] is JValue { Type: JTokenType.Boolean } additional && !(bool)additional)
                breaches.Add(Breach(Join(path, property.Name), property, SchemaBreachKind.NoAdditionalPropertiesAllowed, schema));
        }
    }

    private JObject Resolve(string reference)
    {
        const string Prefix = "#/definitions/";
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal) || _root["definitions"]?[reference[Prefix.Length..]] is not JObject target)
            throw new InvalidOperationException($"module.schema.json: '{reference}' names no definition of the schema's own");
        return target;
    }

    /// <remarks>
    /// No match timeout: the patterns are the product's own schema's (module.schema.json), each unambiguous, so a match
    /// is linear in the manifest's text. A one-second clock failed a host's start once on a loaded CI machine, where a
    /// thread can wait longer than that for a core.
    /// </remarks>
    private Regex Pattern(string pattern) => _patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout));

    private static bool OfType(JToken type, JToken value) => type is JArray several
        ? several.Any(t => OfType((string)t!, value))
        : OfType((string)type!, value);

    private static bool OfType(string type, JToken value) => type switch
    {
        "string" => value.Type == JTokenType.String,
        "integer" => value.Type == JTokenType.Integer || (value.Type == JTokenType.Float && Math.Floor((double)value) == (double)value),
        "number" => value.Type is JTokenType.Integer or JTokenType.Float,
        "boolean" => value.Type == JTokenType.Boolean,
        "array" => value.Type == JTokenType.Array,
        "object" => value.Type == JTokenType.Object,
        "null" => value.Type == JTokenType.Null,
        _ => throw new InvalidOperationException($"module.schema.json: '{type}' is no JSON Schema type"),
    };

    private static SchemaBreachKind Expected(JToken type) => type is JArray ? SchemaBreachKind.NoTypeValidates : (string)type! switch
    {
        "string" => SchemaBreachKind.StringExpected,
        "integer" => SchemaBreachKind.IntegerExpected,
        "number" => SchemaBreachKind.NumberExpected,
        "boolean" => SchemaBreachKind.BooleanExpected,
        "array" => SchemaBreachKind.ArrayExpected,
        "null" => SchemaBreachKind.NullExpected,
        _ => SchemaBreachKind.ObjectExpected,
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static SchemaBreach Breach(string path, JToken at, SchemaBreachKind kind, JObject schema) =>
        new(path, at is IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : null, kind, schema);
}
