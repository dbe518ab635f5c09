using System.Globalization;
using System.Text;

namespace CampaignEngine.Bench;

/// <summary>Writes the results as the markdown table that docs/benchmarks.md holds.</summary>
internal static class Report
{
    public static string Markdown(BenchOptions options, IReadOnlyList<Result> results, string loadBefore, string loadAfter, TimeSpan total)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine("Written by `dotnet run -c Release --project bench/CampaignEngine.Bench -- --out docs/benchmarks.md [--engine sqlite|postgresql|both]`; do not edit by hand.");
        md.AppendLine("Each measure runs beside its limit on the same engine, in the same process and the same run; times are medians.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Machine.Cores} cores, {Machine.Memory} memory, {Machine.Os}, {Machine.Runtime}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1/5/15 min) at start: {loadBefore}; at end: {loadAfter}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Mode: {(options.Quick ? "quick (CI: proves the items run, not their speed)" : "full")}; engines: {string.Join(", ", options.Engines)}; median of {options.Runs} run(s); whole bench took {total.TotalMinutes:0.0} min");
        md.AppendLine();
        md.AppendLine("| measure | engine | size | median | beside (the limit, same engine) | limit's median | ratio | budget | result |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            if (r.NotMeasured is { } why)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Measure} | {r.Engine} | {r.Size} | not measured on {r.Engine}: {why} | — | — | — | — | — |");
                continue;
            }
            md.Append(CultureInfo.InvariantCulture, $"| {r.Measure} | {r.Engine} | {r.Size} | {Result.Format(r.Value)} {r.Unit} | {r.Beside ?? "—"} | ");
            md.Append(r.BesideValue is { } b ? $"{Result.Format(b)} {r.BesideUnit ?? r.Unit}" : "—");
            md.Append(CultureInfo.InvariantCulture, $" | {(r.Ratio is { } ratio ? $"{ratio:0.00}×" : "—")} | {r.BudgetText} | {(r.Met ? "met" : "**missed**")} |");
            md.AppendLine();
        }
        var notes = results.Where(r => r.Note.Length > 0).ToList();
        if (notes.Count > 0)
        {
            md.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var r in notes) md.AppendLine(CultureInfo.InvariantCulture, $"- **{r.Measure}** ({r.Engine}): {r.Note}");
        }
        return md.ToString();
    }


    public const string KeptMarker = "<!-- kept: everything below is written by hand and survives a rerun -->";

    /// <summary>
    /// The hand-written part of an existing table (before/after notes of fixes, which one run cannot measure),
    /// so that a rerun replaces the numbers and keeps the history.
    /// </summary>
    public static string KeptPart(string path)
    {
        if (!File.Exists(path)) return "";
        var text = File.ReadAllText(path);
        var at = text.IndexOf(KeptMarker, StringComparison.Ordinal);
        return at < 0 ? "" : Environment.NewLine + text[at..];
    }
}
