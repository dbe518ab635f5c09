using System.Globalization;

namespace CampaignEngine.Web.Infrastructure.Export;

/// <summary>
/// One cell of every CSV the product writes. Text that a spreadsheet would read as a formula (it starts with
/// <c>= + - @</c>, a tab or a carriage return, or their full-width forms) gets a leading apostrophe, so a name
/// typed into an import or a pledge cannot run in an officer's Excel. Numbers are written as numbers, invariantly:
/// a refund of -5 stays -5, because only text is escaped.
/// </summary>
internal static class CsvCell
{
    public static string Write(object? value) => Quote(value switch
    {
        null => "",
        string text => Neutralised(text),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        float f => f.ToString("0.##", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        // Dates and whole numbers; anything else that is not a number is text and escaped like text.
        IFormattable formattable and (sbyte or byte or short or ushort or int or uint or long or ulong or DateTime or DateTimeOffset or DateOnly)
            => formattable.ToString(null, CultureInfo.InvariantCulture),
        IFormattable formattable => Neutralised(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Neutralised(value.ToString() ?? ""),
    });

    /// <summary>A whole file's bytes: UTF-8 after a byte order mark, by which Excel, which officers open CSVs in, reads Cyrillic as UTF-8.</summary>
    public static byte[] FileBytes(string text) => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)];

    /// <summary>A header or data row: the cells joined by commas, ended by CRLF as RFC 4180 has it.</summary>
    public static string Row(IEnumerable<object?> values) => string.Join(',', values.Select(Write)) + "\r\n";

    private static string Neutralised(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '＝' or '＋' or '－' or '＠' ? "'" + text : text;

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
