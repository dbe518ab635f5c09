using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Binding errors reworded for whoever wrote the request: the field as they wrote it ("segment.countries[1]", "from"),
/// the kind of value it must hold ("must be text"), and where broken JSON breaks, counted from 1. Never the
/// serializer's own wording, which names our .NET types and counts lines from 0.
/// </summary>
internal sealed partial class BindingErrors(JsonSerializerOptions options, Type? body, IReadOnlyDictionary<string, Type>? parameters = null, string? bodyName = null)
{
    /// <summary>The key every error about the body as a whole is filed under.</summary>
    public const string Body = "body";

    /// <summary>
    /// Whether the request carried a body at all: MVC says "a non-empty request body is required" of a body of
    /// <c>null</c> as of no body, and only the first is empty.
    /// </summary>
    public bool BodySent { get; init; }

    /// <summary>For an MVC action: its JSON body's type, read with MVC's JSON options, and its other parameters by name.</summary>
    public static BindingErrors ForAction(ActionContext context)
    {
        var all = context.ActionDescriptor.Parameters;
        var body = all.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body);
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var parameters = all.Where(p => p != body)
            .GroupBy(p => p.BindingInfo?.BinderModelName ?? p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().ParameterType, StringComparer.OrdinalIgnoreCase);
        return new BindingErrors(options, body?.ParameterType, parameters, body?.BindingInfo?.BinderModelName ?? body?.Name)
        {
            BodySent = context.HttpContext.Request.ContentLength > 0,
        };
    }

    /// <summary>
    /// MVC's "the body is required" for a body parameter that could not be bound: a consequence of the error that
    /// stopped the binding, so it is said only when nothing else is (a body of <c>null</c>).
    /// </summary>
    public bool IsBodyRequired(string key, string message) => IsBodyKey(key) && BodyRequired().IsMatch(message);

    /// <summary>Whether MVC or the serializer filed an error under the body as a whole: its root, or the body parameter's name.</summary>
    private bool IsBodyKey(string key) => key is "" or "$" or Body || (bodyName is not null && string.Equals(key, bodyName, StringComparison.OrdinalIgnoreCase));

    public (string Key, string Message) Reword(string key, string message)
    {
        if (IsBodyRequired(key, message)) return (Body, "must be a JSON object");
        if (message.StartsWith("A non-empty request body is required", StringComparison.Ordinal))
            return (Body, BodySent ? "must be a JSON object" : "is empty: send a JSON object");
        if (UnmappedMember().IsMatch(message) && key.StartsWith("$.", StringComparison.Ordinal)) return (Field(key), "is not a field of this request");
        if (ValueNotValid().IsMatch(message) && parameters?.GetValueOrDefault(key) is { } parameter && Describe(parameter) is { } expected)
            return (key, $"must be {expected}");
        return SerializerPlace().Match(message) is { Success: true } place
            ? FromSerializer(message, place)
            : (IsBodyKey(key) ? Body : Field(key), message);
    }

    /// <summary>
    /// A message the serializer placed in the body: a value of the wrong kind at a path, or JSON that breaks at a line
    /// and byte (both counted from 0 by the serializer, from 1 here, as an editor counts them).
    /// </summary>
    private (string Key, string Message) FromSerializer(string message, Match place)
    {
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
        {
            var path = place.Groups["path"].Value;
            return (path is "$" ? Body : Field(path), Kind(path) is { } kind ? $"must be {kind}" : "is not a value of the kind this field holds");
        }
        var line = int.Parse(place.Groups["line"].Value, CultureInfo.InvariantCulture) + 1;
        var position = int.Parse(place.Groups["byte"].Value, CultureInfo.InvariantCulture) + 1;
        return (Body, $"is not valid JSON at line {line}, byte {position}: {message[..place.Index].TrimEnd()}");
    }

    /// <summary>
    /// A JSON path as the caller would write the field: "$.segment.countries[1]" is "segment.countries[1]"; a field
    /// whose name is empty is named as JSON writes that name, <c>""</c>, so that every error names something.
    /// </summary>
    private static string Field(string path) => path.TrimStart('$').TrimStart('.') is { Length: > 0 } field ? field : "\"\"";

    /// <summary>What the field at a path holds, in words, when the body's type is known and the path leads somewhere.</summary>
    private string? Kind(string path)
    {
        var type = body;
        foreach (Match step in PathStep().Matches(path))
        {
            if (type is null) return null;
            var info = options.GetTypeInfo(type);
            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Success ? step.Groups["quoted"].Value : null;
            type = name is null || info.Kind == JsonTypeInfoKind.Dictionary
                ? info.ElementType
                : info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))?.PropertyType;
        }
        return type is null ? null : Describe(type);
    }

    private string? Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "text";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) return "a date such as 2026-12-07, or a date and time such as 2026-12-07T09:30:00Z";
        if (type == typeof(DateOnly)) return "a date such as 2026-12-07";
        if (type == typeof(TimeOnly) || type == typeof(TimeSpan)) return "a time such as 09:30";
        if (type.IsEnum) return null;
        switch (Type.GetTypeCode(type))
        {
            case TypeCode.Boolean: return "true or false";
            case TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64:
                return "a whole number";
            case TypeCode.Single or TypeCode.Double or TypeCode.Decimal: return "a number";
        }
        return options.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "a list",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            _ => null,
        };
    }

    /// <summary>MVC's words for a query or route value it could not convert: "The value 'yesterday' is not valid."</summary>
    [GeneratedRegex(@"^The value '.*' is not valid( for .+)?\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ValueNotValid();

    [GeneratedRegex(@"^The .+ field is required\.$", RegexOptions.CultureInvariant)]
    private static partial Regex BodyRequired();

    [GeneratedRegex("^The JSON property '.*' could not be mapped to any .NET member", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedMember();

    /// <summary>The place the serializer appends to its messages: " Path: $.name | LineNumber: 0 | BytePositionInLine: 30."</summary>
    [GeneratedRegex(@"\s*Path: (?<path>.*) \| LineNumber: (?<line>\d+) \| BytePositionInLine: (?<byte>\d+)\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SerializerPlace();

    /// <summary>One step of a JSON path: ".name", "['odd name']" or "[3]".</summary>
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathStep();
}
