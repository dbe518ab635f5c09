using System.Text.Json;
using System.Text.Json.Serialization;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Every string in a JSON body is refused, naming its field, when it holds the zero character (U+0000, written
/// <c>\u0000</c> in JSON): it is not text, and PostgreSQL refuses to store it, so on that engine it reached the
/// database as a 500. One rule for every body, on either engine.
/// </summary>
internal sealed class NoZeroCharacterStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
            throw new JsonException("The value holds the zero character (U+0000), which is not text.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
