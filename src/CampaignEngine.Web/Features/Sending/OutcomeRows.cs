using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// A batch's outcome rows as one JSON array of arrays (id, provider id, then any more values) for an
/// <c>UPDATE … FROM json_each</c>. Written field by field: the serializer's reflection over object arrays cost more
/// than SQLite's parsing of the result.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The JSON writer writes into a managed buffer and holds nothing to release; the rows live for one batch.")]
internal sealed class OutcomeRows(int expected)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(Math.Max(256, expected * 64));
    private Utf8JsonWriter? _json;

    public int Count { get; private set; }

    /// <param name="more">Strings (or null) and ints, in the order the UPDATE reads them.</param>
    public void Add(long id, string? providerId, params ReadOnlySpan<object?> more)
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_buffer);
            _json.WriteStartArray();
        }
        _json.WriteStartArray();
        _json.WriteNumberValue(id);
        _json.WriteStringValue(providerId);
        foreach (var value in more)
        {
            if (value is int number) _json.WriteNumberValue(number);
            else _json.WriteStringValue((string?)value);
        }
        _json.WriteEndArray();
        Count++;
    }

    private string? _written;

    /// <summary>The array; no row can be added after.</summary>
    public string ToJson()
    {
        if (_written is not null) return _written;
        if (_json is null) return _written = "[]";
        _json.WriteEndArray();
        _json.Dispose();
        return _written = Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
