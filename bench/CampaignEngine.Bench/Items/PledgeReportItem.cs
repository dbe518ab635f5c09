using CampaignEngine.Web.Features.Reports;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>Item 4: pledges by gender (count, donors, USD, hours) beside one COUNT(*) over the pledge table.</summary>
internal static class PledgeReportItem
{
    public static Result Run(ProductHost host, BenchOptions options)
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
        return new Result("gender-disaggregated pledge report", $"{options.Pledges:N0} pledges", median.TotalMilliseconds, "ms",
            "`SELECT COUNT(*)` over the table", count.TotalMilliseconds, BudgetKind.AtMost, 200);
    }
}
