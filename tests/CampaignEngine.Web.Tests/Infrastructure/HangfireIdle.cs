using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>Waits for the host's background jobs by their state in Hangfire's store, never for a fixed time.</summary>
public static class HangfireIdle
{
    /// <summary>Until no job is queued or running (jobs scheduled for later may remain).</summary>
    public static Task NothingRunningAsync(TestHost host) =>
        Eventually.True(() => Task.FromResult(Idle(host, countScheduled: false)));

    /// <summary>Until every job scheduled so far has come due and run, and nothing is queued or running.</summary>
    public static Task NothingScheduledOrRunningAsync(TestHost host) =>
        Eventually.True(() => Task.FromResult(Idle(host, countScheduled: true)));

    private static bool Idle(TestHost host, bool countScheduled)
    {
        var monitor = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return monitor.ProcessingCount() == 0 && monitor.Queues().All(queue => queue.Length == 0)
            && (!countScheduled || monitor.ScheduledCount() == 0);
    }
}
