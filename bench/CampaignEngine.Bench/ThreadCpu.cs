using System.Runtime.InteropServices;

namespace CampaignEngine.Bench;

/// <summary>
/// CPU time of the calling thread (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a machine shared with other work
/// the wall clock waits for the cores, this does not, so it says what a piece of work itself costs. The product's work
/// measured with it runs on the calling thread (SQLite's too); zero off Linux.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockThreadCpuTime, out var time) != 0) return TimeSpan.Zero;
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    /// <summary>Wall and thread CPU time of <paramref name="body"/>.</summary>
    public static (TimeSpan Wall, TimeSpan Cpu) Of(Action body)
    {
        var cpu = Now();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        body();
        return (watch.Elapsed, Now() - cpu);
    }

    /// <summary>Median CPU time of the body over <paramref name="runs"/> runs on this thread.</summary>
    public static TimeSpan Median(int runs, Action body)
    {
        var times = new List<TimeSpan>(runs);
        for (var run = 0; run < runs; run++)
        {
            var start = Now();
            body();
            times.Add(Now() - start);
        }
        return Measure.Of(times);
    }
}
