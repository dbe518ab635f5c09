using CampaignEngine.Web.Features.Reports;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 4: pledges by gender (count, donors, USD, hours) beside one COUNT(*) over the pledge table; then the report
/// with a filter (home region, country, date range) by gender and by a second dimension, which issue 20 budgets at
/// 100 ms each, with the thread CPU time of each beside its wall time.
/// </summary>
internal static class PledgeReportItem
{
    public static IEnumerable<Result> Run(ProductHost host, BenchOptions options)
    {
        var report = host.Services.GetRequiredService<PledgeReport>();
        using var connection = host.Open();
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pledge");
        var count = Measure.Median(options.Runs, _ => connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pledge"));
        var query = new PledgeReport.Query(["gender"], null, null, null);
        IReadOnlyList<IDictionary<string, object?>> rows = [];
        report.Run(query, host.Admin);
        var median = Measure.Median(options.Runs, _ => rows = report.Run(query, host.Admin));
        if (rows.Count != 4) throw new InvalidOperationException($"The gender report has {rows.Count} rows, expected 4.");
        yield return new Result("gender-disaggregated pledge report", $"{options.Pledges:N0} pledges", median.TotalMilliseconds, "ms",
            "`SELECT COUNT(*)` over the table", count.TotalMilliseconds, BudgetKind.AtMost, 200);

        var now = DateTimeOffset.UtcNow;
        var filtered = new (string Name, PledgeReport.Query Query)[]
        {
            ("home region KG-Y, by gender", new(["gender"], null, null, null, HomeRegion: "KG-Y")),
            ("country RU, by gender", new(["gender"], null, null, null, Country: "RU")),
            ("the last 90 days, by gender", new(["gender"], null, now.AddDays(-90), null)),
            ("home region KG-Y, by country × gender", new(["country", "gender"], null, null, null, HomeRegion: "KG-Y")),
        };
        foreach (var (name, filter) in filtered)
        {
            report.Run(filter, host.Admin);
            var wall = Measure.Median(options.Runs, _ => rows = report.Run(filter, host.Admin));
            var cpu = ThreadCpu.Median(options.Runs, () => report.Run(filter, host.Admin));
            yield return new Result($"pledge report, {name}", $"{options.Pledges:N0} pledges", wall.TotalMilliseconds, "ms",
                "`SELECT COUNT(*)` over the table", count.TotalMilliseconds, BudgetKind.AtMost, 100,
                $"{rows.Sum(r => (long)r["count"]!):N0} pledges counted in {rows.Count} rows; {cpu.TotalMilliseconds:0.0} ms thread CPU (the detail query).");
        }
    }
}
