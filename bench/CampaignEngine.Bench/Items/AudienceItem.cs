using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 3: the audience preview (country × gender × channel) beside one COUNT(*) over the whole directory. The note
/// gives, from the same run, the thread CPU time of the preview and of the count, and the same groups counted over the
/// people (ix_compatriot_reach, the preview before the cells of migration 0048).
/// </summary>
internal static class AudienceItem
{
    public static IEnumerable<Result> Run(ProductHost host, BenchOptions options, int size)
    {
        var audience = host.Services.GetRequiredService<Audience>();
        var modules = host.Services.GetRequiredService<ModuleRegistry>();
        using var connection = host.Open();
        // One untimed pass first on both sides: the file's pages come into the cache once, for the limit as for the product.
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM directory_compatriot");
        var count = Measure.Median(options.Runs, _ => connection.ExecuteScalar<long>("SELECT COUNT(*) FROM directory_compatriot"));
        var countCpu = ThreadCpu.Median(options.Runs, () => connection.ExecuteScalar<long>("SELECT COUNT(*) FROM directory_compatriot"));

        foreach (var (id, national) in new[] { ("issyk-kul", false), ("national", true) })
        {
            var module = modules.Find(id)!;
            AudiencePreview preview = null!;
            audience.Preview(module, Segment.Everyone, Vocabulary.Channels, null);
            var median = Measure.Median(options.Runs, _ => preview = audience.Preview(module, Segment.Everyone, Vocabulary.Channels, null));
            var cpu = ThreadCpu.Median(options.Runs, () => audience.Preview(module, Segment.Everyone, Vocabulary.Channels, null));
            if (preview.Total == 0) throw new InvalidOperationException($"The {id} audience is empty.");
            var filter = AudienceSql.Build(module, Segment.Everyone, DateTime.UtcNow.Year, null);
            var people = Measure.Median(options.Runs, _ => connection.Query(SqlList.On(connection, Audience.GroupsSql(filter.Where)), filter.Parameters).AsList());
            var peopleCpu = ThreadCpu.Median(options.Runs, () => connection.Query(SqlList.On(connection, Audience.GroupsSql(filter.Where)), filter.Parameters).AsList());
            var note = $"{preview.Total:N0} matching, {preview.Cells.Count} cells. CPU: preview {cpu.TotalMilliseconds:0.00} ms, "
                + $"COUNT(*) {countCpu.TotalMilliseconds:0.00} ms; the same groups counted over the people (the preview before migration 0048) "
                + $"{people.TotalMilliseconds:0.0} ms wall, {peopleCpu.TotalMilliseconds:0.0} ms CPU.";
            yield return national
                ? new Result($"audience preview, national module ({id}, {100.0 * preview.Total / size:0.0}% match)", $"{size:N0} compatriots",
                    median.TotalMilliseconds, "ms", "`SELECT COUNT(*)` over the table", count.TotalMilliseconds, BudgetKind.RatioAtMost, 10, note)
                : new Result($"audience preview, regional module ({id}, {100.0 * preview.Total / size:0.0}% match)", $"{size:N0} compatriots",
                    median.TotalMilliseconds, "ms", "`SELECT COUNT(*)` over the table", count.TotalMilliseconds, BudgetKind.AtMost, 50, note);
        }
    }
}
