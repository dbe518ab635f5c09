using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Sending;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Items 2 and 6: the dispatcher sends a launched campaign through the file outbox — claim, render with
/// Scriban, write one file per message, record the outcomes — while the process's peak memory is tracked.
/// The audience is organisation 1, whose size is exactly the dispatch size.
/// </summary>
public static class DispatchItem
{
    public static async Task<(Result Rate, Result Memory)> Run(ProductHost host, BenchOptions options)
    {
        var service = host.Services.GetRequiredService<CampaignService>();
        var outbox = host.Services.GetRequiredService<FileOutbox>();
        var segment = new Segment { OrganizationId = 1 };
        CampaignRow campaign = null!;
        var count = options.Dispatch;

        using var memory = new PeakMemory();
        var median = await Measure.MedianAsync(options.Runs,
            // Resolved per run, as Hangfire resolves a job's class for each execution.
            _ => host.Services.GetRequiredService<Dispatcher>().DispatchCampaignAsync(campaign.Id, CancellationToken.None),
            prepare: run =>
            {
                campaign = Campaigns.Draft(host, $"dispatch {run}", segment);
                var written = service.Launch(campaign, LaunchTime.Now, host.Admin).Written;
                if (written != count) throw new InvalidOperationException($"The dispatch campaign has {written} recipients, expected {count}.");
            },
            cleanup: _ =>
            {
                using (var connection = host.Open())
                {
                    var sent = connection.ExecuteScalar<long>(
                        "SELECT COUNT(*) FROM send_message WHERE campaign_id = @Id AND status = 'sent'", new { campaign.Id });
                    if (sent != count) throw new InvalidOperationException($"Dispatch sent {sent} of {count} messages.");
                }
                var files = Directory.GetFiles(Path.Combine(outbox.Root, $"campaign-{campaign.Id}")).Length;
                if (files != count) throw new InvalidOperationException($"The outbox holds {files} files, expected {count}.");
                Directory.Delete(Path.Combine(outbox.Root, $"campaign-{campaign.Id}"), recursive: true);
                Campaigns.Forget(host, campaign.Id);
            });
        var peak = memory.PeakMb;

        var rate = new Result("dispatch to the file outbox (render + write file + record)", $"{count:N0} messages",
            count / median.TotalSeconds, "msg/s", null, null, BudgetKind.AtLeast, 20_000,
            $"median {median.TotalMilliseconds:N0} ms for {count:N0} messages, batches of {Dispatcher.BatchSize}.");
        var rss = new Result("peak host memory (RSS) during the dispatch", $"{count:N0} messages",
            peak, "MB", null, null, BudgetKind.AtMost, 200,
            "VmHWM of the bench process (the real host's services, server GC), reset before the dispatch runs.");
        return (rate, rss);
    }
}
