using System.Diagnostics;

namespace CampaignEngine.Web.Tests.Compatriots;

/// <summary>
/// Timing tests run alone (no other test class in parallel) and are judged on the process's CPU time: the test
/// machine is shared, so wall time says more about the neighbours than about the code. The host runs in-process,
/// so its CPU time is counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";

    public static (TimeSpan Wall, TimeSpan Cpu) Measure(Action action) =>
        MeasureAsync(() => { action(); return Task.CompletedTask; }).Result;

    public static async Task<(TimeSpan Wall, TimeSpan Cpu)> MeasureAsync(Func<Task> action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await action();
        wall.Stop();
        process.Refresh();
        return (wall.Elapsed, process.TotalProcessorTime - cpu);
    }
}
