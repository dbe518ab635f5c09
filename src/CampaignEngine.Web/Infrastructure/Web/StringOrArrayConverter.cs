using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>Reads <c>"yes"</c>, <c>"yes;no"</c> or <c>["yes","no"]</c> alike, so API callers need not remember which fields are lists.</summary>
internal sealed class StringOrArrayConverter : JsonConverter<string[]?>
{
    public override string[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => Split(reader.GetString()),
            JsonTokenType.StartArray => ReadArray(ref reader),
            _ => throw new JsonException("Expected a string or an array of strings."),
        };

    public override void Write(Utf8JsonWriter writer, string[]? value, JsonSerializerOptions options)
    {
        if (value is null) { writer.WriteNullValue(); return; }
        writer.WriteStartArray();
        foreach (var item in value) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    private static string[] ReadArray(ref Utf8JsonReader reader)
    {
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected an array of strings.");
            items.Add(reader.GetString()!.Trim());
        }
        return [.. items.Where(i => i.Length > 0)];
    }

    private static string[]? Split(string? value) =>
        value?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
