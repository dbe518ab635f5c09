using CampaignEngine.Web.Features.Reports;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 4: pledges by gender (count, donors, USD, hours) beside one COUNT(*) over the pledge table; then the report
/// with a filter (home region, country, date range) by gender and by a second dimension, which issue 20 budgets at
/// 100 ms each: every mix of the filters by gender and by a second dimension, from the columns held in memory, beside
/// the detail query over the pledges (the path before), with the thread CPU time of each beside its wall time.
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

        var columns = host.Services.GetRequiredService<PledgeColumns>();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var (loadWall, loadCpu) = ThreadCpu.Of(() => columns.TryRun(new(["gender"], 1, null, null), null));
        var held = GC.GetTotalMemory(forceFullCollection: true) - heap;
        Console.WriteLine($"pledge report columns loaded: {loadWall.TotalMilliseconds:N0} ms wall, {loadCpu.TotalMilliseconds:N0} ms thread CPU, {held / 1e6:N1} MB held");
        var oblast = new CampaignEngine.Web.Features.Auth.CurrentUser(host.Admin.Id, "bench", CampaignEngine.Web.Features.Auth.Roles.Oblast, "KG-GB", null);
        foreach (var (name, filter, user) in Combinations(host.Admin, oblast, options.Quick))
        {
            report.Run(filter, user);
            var wall = Measure.Median(options.Runs, _ => rows = report.Run(filter, user));
            var cpu = ThreadCpu.Median(options.Runs, () => report.Run(filter, user));
            // The detail query beside it, once (0.5–3 s each on a million): the path every such report took before.
            IReadOnlyList<IDictionary<string, object?>> detail = [];
            var (detailWall, detailCpu) = ThreadCpu.Of(() => detail = report.Detail(filter, user));
            if (System.Text.Json.JsonSerializer.Serialize(detail) != System.Text.Json.JsonSerializer.Serialize(rows))
                throw new InvalidOperationException($"The report {name} differs from the detail query.");
            yield return new Result($"pledge report, {name}", $"{options.Pledges:N0} pledges", wall.TotalMilliseconds, "ms",
                "the detail query (before)", detailWall.TotalMilliseconds, BudgetKind.AtMost, 100,
                $"{rows.Sum(r => (long)r["count"]!):N0} pledges in {rows.Count} rows; thread CPU {cpu.TotalMilliseconds:0.0} ms (detail {detailCpu.TotalMilliseconds:0} ms).");
        }
    }

    /// <summary>Every mix of the four filters by gender, and each by a second dimension; an oblast's view too.</summary>
    private static IEnumerable<(string Name, PledgeReport.Query Query, CampaignEngine.Web.Features.Auth.CurrentUser User)> Combinations(
        CampaignEngine.Web.Features.Auth.CurrentUser admin, CampaignEngine.Web.Features.Auth.CurrentUser oblast, bool quick)
    {
        var now = DateTimeOffset.UtcNow;
        for (var mask = 0; mask < 16; mask++)
        {
            var filter = new PledgeReport.Query(["gender"], (mask & 1) != 0 ? 7 : null, (mask & 2) != 0 ? now.AddDays(-90) : null, null,
                (mask & 4) != 0 ? "KG-Y" : null, (mask & 8) != 0 ? "RU" : null);
            var name = string.Join(", ", new[] { (mask & 1) != 0 ? "campaign 7" : null, (mask & 2) != 0 ? "the last 90 days" : null,
                (mask & 4) != 0 ? "home region KG-Y" : null, (mask & 8) != 0 ? "country RU" : null }.Where(n => n is not null));
            name = name.Length == 0 ? "no filter" : name;
            if (mask != 0) yield return ($"{name}, by gender", filter, admin);
            if (quick && mask is not (0 or 15)) continue;
            var second = mask % 3 == 0 ? "month" : mask % 3 == 1 ? "country" : "sector";
            yield return ($"{name}, by {second} × gender", filter with { By = [second, "gender"] }, admin);
        }
        yield return ("oblast KG-GB's view, the last 90 days, by gender", new(["gender"], null, now.AddDays(-90), null), oblast);
        yield return ("oblast KG-GB's view, by campaign × age band", new(["campaignId", "ageBand"], null, null, null), oblast);
    }
}
