using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 1: a national launch through <see cref="CampaignService.Launch"/> (audience filter, per-zone not_before,
/// chosen channel, random token, unique key) beside the bare INSERT … SELECT that writes as many rows into the
/// same table with the same columns, key and token expression, but a constant channel and send time. The bare insert
/// gets the product's time limit for a bulk statement: Npgsql's default of 30 s cut it short on PostgreSQL, where it
/// takes 24–30 s for a million.
/// </summary>
internal static class LaunchItem
{
    public static Result Run(ProductHost host, BenchOptions options, int expected)
    {
        var service = host.Services.GetRequiredService<CampaignService>();
        CampaignRow campaign = null!;
        var written = 0;
        var product = Measure.Median(options.Runs,
            _ => written = service.Launch(campaign, LaunchTime.Now, host.Admin).Written,
            prepare: run => campaign = Campaigns.Draft(host, $"launch {run}", Segment.Everyone),
            cleanup: _ =>
            {
                if (written != expected) throw new InvalidOperationException($"Launch wrote {written} ledger rows, expected {expected}.");
                Campaigns.Forget(host, campaign.Id);
            });

        var bareWritten = 0;
        var bare = Measure.Median(options.Runs,
            _ =>
            {
                using var connection = host.Open();
                using var transaction = connection.BeginTransaction();
                bareWritten = connection.Execute("""
                    INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, token)
                    SELECT @campaignId, id, 'whatsapp', language, 'pending', @now, lower(hex(randomblob(16)))
                    FROM directory_compatriot
                    WHERE true -- without a WHERE, SQLite reads ON CONFLICT as a join's ON clause
                    ON CONFLICT (campaign_id, compatriot_id, channel) DO NOTHING
                    """, new { campaignId = campaign.Id, now = DateTimeOffset.UtcNow }, transaction, commandTimeout: Db.BulkStatementSeconds);
                transaction.Commit();
            },
            prepare: run => campaign = Campaigns.Draft(host, $"bare {run}", Segment.Everyone),
            cleanup: _ =>
            {
                if (bareWritten != expected) throw new InvalidOperationException($"The bare insert wrote {bareWritten} rows, expected {expected}.");
                Campaigns.Forget(host, campaign.Id);
            });

        return new Result($"launch a national campaign (ledger rows written)", $"{expected:N0} recipients",
            product.TotalMilliseconds, "ms", "bare `INSERT … SELECT` of the same rows", bare.TotalMilliseconds,
            BudgetKind.RatioAtMost, 2,
            $"{expected / product.TotalSeconds:N0} rows/s through the product, {expected / bare.TotalSeconds:N0} rows/s bare.");
    }

    /// <summary>
    /// A national campaign to everyone, launched and left to send (the host-memory item sends it). The generated people
    /// are given their directory search terms first, outside any measure, as the importer would have: otherwise the
    /// host's background catch-up indexes a million people during the dispatch it is meant to measure.
    /// </summary>
    public static CampaignRow LaunchNational(ProductHost host, string name, int expected)
    {
        host.Services.GetRequiredService<SearchIndex>().CatchUp();
        var campaign = Campaigns.Draft(host, name, Segment.Everyone);
        var written = host.Services.GetRequiredService<CampaignService>().Launch(campaign, LaunchTime.Now, host.Admin).Written;
        if (written != expected) throw new InvalidOperationException($"Launch wrote {written} ledger rows, expected {expected}.");
        return campaign;
    }
}
