using System.Diagnostics;
using System.Text;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Sending;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 2: the dispatcher sends a launched campaign through the file outbox — claim, render with Scriban,
/// write one file per batch, record the outcomes.
/// The audience is organisation 1, whose size is exactly the dispatch size.
/// </summary>
internal static class DispatchItem
{
    public static async Task<Result> Run(ProductHost host, BenchOptions options)
    {
        var service = host.Services.GetRequiredService<CampaignService>();
        var outbox = host.Services.GetRequiredService<FileOutbox>();
        var segment = new Segment { OrganizationId = 1 };
        CampaignRow campaign = null!;
        var count = options.Dispatch;

        var sample = "";
        var cpu = new List<TimeSpan>();
        var median = await Measure.MedianAsync(options.Runs,
            async _ =>
            {
                // CPU time beside wall time: on a shared machine the wall time also counts other people's builds.
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                // Resolved per run, as Hangfire resolves a job's class for each execution.
                await host.Services.GetRequiredService<Dispatcher>().DispatchCampaignAsync(campaign.Id, CancellationToken.None);
                cpu.Add(Process.GetCurrentProcess().TotalProcessorTime - before);
            },
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
                var files = Directory.GetFiles(Path.Combine(outbox.Root, $"campaign-{campaign.Id}"));
                sample = File.ReadAllText(files[0]);
                var blocks = files.Sum(f => File.ReadAllText(f).Split(FileOutbox.BlockStart).Length - 1);
                if (blocks != count) throw new InvalidOperationException($"The outbox holds {blocks} messages, expected {count}.");
                Directory.Delete(Path.Combine(outbox.Root, $"campaign-{campaign.Id}"), recursive: true);
                Campaigns.Forget(host, campaign.Id);
            });
        var bare = BareFiles(host, options, count, sample);

        var rate = new Result("dispatch to the file outbox (render + write + record)", $"{count:N0} messages",
            count / median.TotalSeconds, "msg/s", "bare loop writing the same batch files (write + rename)", count / bare.TotalSeconds,
            BudgetKind.AtLeast, 20_000,
            $"median {median.TotalMilliseconds:N0} ms wall, {Measure.Of(cpu).TotalMilliseconds:N0} ms CPU for {count:N0} messages " +
            $"({count / Measure.Of(cpu).TotalSeconds:N0} msg per CPU-second), batches of {SendingOptions.DefaultBatchSize}. " +
            "The limit is the file system's: no render, no database.");
        return rate;
    }

    /// <summary>The outbox's floor: as many batch files of the same size, each written to a temporary name and renamed.</summary>
    private static TimeSpan BareFiles(ProductHost host, BenchOptions options, int count, string content)
    {
        var folder = Path.Combine(host.Folder, "bare-outbox");
        return Measure.Median(options.Runs,
            _ =>
            {
                for (var i = 0; i < count / SendingOptions.DefaultBatchSize; i++)
                {
                    var file = Path.Combine(folder, $"{i:D8}.txt");
                    File.WriteAllText(file + ".tmp", content, Encoding.UTF8);
                    File.Move(file + ".tmp", file, overwrite: true);
                }
            },
            prepare: _ => Directory.CreateDirectory(folder),
            cleanup: _ => Directory.Delete(folder, recursive: true));
    }
}
