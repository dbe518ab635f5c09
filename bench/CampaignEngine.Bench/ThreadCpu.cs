using System.Runtime.InteropServices;

namespace CampaignEngine.Bench;

/// <summary>
/// The calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID): on a machine other work keeps busy, wall time counts the
/// waits for a core too, CPU time only the work itself.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static TimeSpan Now() =>
        ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100) : TimeSpan.Zero;

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
