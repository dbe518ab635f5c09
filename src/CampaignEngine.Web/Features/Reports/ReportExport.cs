using System.Globalization;
using System.Text;
using CampaignEngine.Web.Infrastructure.Export;
using CampaignEngine.Web.Infrastructure.Web;
using MiniExcelLibs;

namespace CampaignEngine.Web.Features.Reports;

/// <summary>
/// CSV and XLSX exports of report rows. A row describing fewer than five people has its numbers
/// replaced by "&lt;5": an export leaves the building, and in a small village a count of two is a name.
/// </summary>
internal static class ReportExport
{
    public const int SmallestCell = 5;
    public const string Suppressed = "<5";

    public static IReadOnlyList<IDictionary<string, object?>> Suppress(IEnumerable<IDictionary<string, object?>> rows, IReadOnlyList<string> dimensions) =>
        rows.Select(row =>
        {
            var people = Convert.ToInt64(row["donors"] ?? 0L, CultureInfo.InvariantCulture);
            if (people == 0 || people >= SmallestCell) return row;
            return (IDictionary<string, object?>)row.ToDictionary(kv => kv.Key, kv => dimensions.Contains(kv.Key) ? kv.Value : Suppressed);
        }).ToList();

    /// <summary>
    /// The rows as a person reads them, for the pages' downloads: headers and group values in the reader's language
    /// ("Пол", "Женщины"), numbers as numbers. The API's exports keep the codes, for programs.
    /// </summary>
    public static IReadOnlyList<IDictionary<string, object?>> Readable(
        IReadOnlyList<IDictionary<string, object?>> rows, IReadOnlyList<string> dimensions, ReportLabels labels, Func<string, string> header) =>
        rows.Select(row => (IDictionary<string, object?>)row.ToDictionary(
            kv => header(kv.Key),
            kv => dimensions.Contains(kv.Key) ? labels.Of(kv.Key, kv.Value) : kv.Value)).ToList();

    /// <summary>
    /// "pledges-by-country-gender-2026-12-02": the same ASCII name in every language, with the day (Bishkek) of the export.
    /// A file name travels through mail, archives and other systems' code pages, where Cyrillic names get mangled and a
    /// transliteration reads well to nobody; the headers inside are in the reader's language.
    /// </summary>
    public static string FileName(IReadOnlyList<string> dimensions, DateTimeOffset now) =>
        $"pledges-by-{string.Join('-', dimensions.Select(d => d.ToLowerInvariant()))}-{StaffTime.InBishkek(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static byte[] Csv(IReadOnlyList<IDictionary<string, object?>> rows)
    {
        var text = new StringBuilder();
        if (rows.Count > 0)
        {
            var columns = rows[0].Keys.ToList();
            text.Append(CsvCell.Row(columns));
            foreach (var row in rows) text.Append(CsvCell.Row(columns.Select(c => row[c])));
        }
        return CsvCell.FileBytes(text.ToString());
    }

    public static byte[] Xlsx(IReadOnlyList<IDictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => r.ToDictionary(kv => kv.Key, kv => kv.Value)).ToList());
        return stream.ToArray();
    }
}
