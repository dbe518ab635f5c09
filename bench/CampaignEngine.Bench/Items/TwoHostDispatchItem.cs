using System.Diagnostics;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Sending;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Several hosts on one PostgreSQL (issue 19, ADR 0013): the same dispatch as <see cref="DispatchItem"/>, sent by two
/// hosts at once, each claiming its batches with <c>FOR UPDATE SKIP LOCKED</c>, beside one host's rate measured in the
/// same run. Budget: two hosts send at least 1.6× what one sends. Every message must be sent exactly once: the
/// ledger counts each row sent once, and the two outboxes together hold exactly one block per message.
/// </summary>
internal static class TwoHostDispatchItem
{
    public static async Task<Result> Run(ProductHost first, ProductHost second, BenchOptions options, Result oneHost)
    {
        var service = first.Services.GetRequiredService<CampaignService>();
        var segment = new Segment { OrganizationId = 1 };
        var count = options.Dispatch;
        CampaignRow campaign = null!;
        var shares = new List<string>();
        var cpu = new List<TimeSpan>();
        var median = await Measure.MedianAsync(options.Runs,
            async _ =>
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                await Task.WhenAll(
                    Task.Run(() => first.Services.GetRequiredService<Dispatcher>().DispatchCampaignAsync(campaign.Id, CancellationToken.None)),
                    Task.Run(() => second.Services.GetRequiredService<Dispatcher>().DispatchCampaignAsync(campaign.Id, CancellationToken.None)));
                cpu.Add(Process.GetCurrentProcess().TotalProcessorTime - before);
            },
            prepare: run =>
            {
                campaign = Campaigns.Draft(first, $"two hosts {run}", segment);
                var written = service.Launch(campaign, LaunchTime.Now, first.Admin).Written;
                if (written != count) throw new InvalidOperationException($"The dispatch campaign has {written} recipients, expected {count}.");
            },
            cleanup: _ =>
            {
                using (var connection = first.Open())
                {
                    var sent = connection.ExecuteScalar<long>(
                        "SELECT COUNT(*) FROM send_message WHERE campaign_id = @Id AND status = 'sent'", new { campaign.Id });
                    if (sent != count) throw new InvalidOperationException($"Two hosts sent {sent} of {count} messages.");
                }
                var blocks = new[] { first, second }.Select(host => Blocks(host, campaign.Id)).ToArray();
                if (blocks.Sum() != count) throw new InvalidOperationException($"The two outboxes hold {blocks.Sum()} messages, expected {count}.");
                shares.Add($"{blocks[0]:N0} + {blocks[1]:N0}");
                Campaigns.Forget(first, campaign.Id);
            });
        var rate = count / median.TotalSeconds;
        return new Result("dispatch to the file outbox, two hosts on one PostgreSQL", $"{count:N0} messages", rate, "msg/s",
            "one host, same run (the line above)", oneHost.Value, BudgetKind.RatioAtLeast, 1.6,
            $"median {median.TotalMilliseconds:N0} ms wall, {Measure.Of(cpu).TotalMilliseconds:N0} ms CPU; messages per host in each run: " +
            $"{string.Join("; ", shares)}. Both hosts in the bench's process (each its own container, pool, dispatcher and claims), " +
            "so they share two cores with each other and PostgreSQL: a second host on a second machine would bring its own.")
        { Engine = Engines.PostgreSql };
    }

    /// <summary>Messages in a host's outbox for the campaign (one block each), the folder removed after counting.</summary>
    private static int Blocks(ProductHost host, long campaignId)
    {
        var folder = Path.Combine(host.Services.GetRequiredService<FileOutbox>().Root, $"campaign-{campaignId}");
        if (!Directory.Exists(folder)) return 0;
        var blocks = Directory.GetFiles(folder).Sum(f => File.ReadAllText(f).Split(FileOutbox.BlockStart).Length - 1);
        Directory.Delete(folder, recursive: true);
        return blocks;
    }
}
