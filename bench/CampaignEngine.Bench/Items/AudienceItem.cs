using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>Item 3: the audience preview (country × gender × channel) beside one COUNT(*) over the whole directory.</summary>
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

        foreach (var (id, budget) in new[] { ("issyk-kul", 50.0), ("national", 400.0) })
        {
            var module = modules.Find(id)!;
            AudiencePreview preview = null!;
            audience.Preview(module, Segment.Everyone, Vocabulary.Channels, null);
            var median = Measure.Median(options.Runs, _ => preview = audience.Preview(module, Segment.Everyone, Vocabulary.Channels, null));
            if (preview.Total == 0) throw new InvalidOperationException($"The {id} audience is empty.");
            yield return new Result($"audience preview, {(id == "national" ? "national" : "regional")} module ({id}, {100.0 * preview.Total / size:0.0}% match)",
                $"{size:N0} compatriots", median.TotalMilliseconds, "ms", "`SELECT COUNT(*)` over the table", count.TotalMilliseconds,
                BudgetKind.AtMost, budget, $"{preview.Total:N0} matching, {preview.Cells.Count} cells.");
        }
    }
}
