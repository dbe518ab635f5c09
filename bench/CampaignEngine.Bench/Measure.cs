using System.Diagnostics;

namespace CampaignEngine.Bench;

/// <summary>Times a piece of work several times and keeps the median, so one hiccup of a shared machine does not decide.</summary>
internal static class Measure
{
    /// <summary>
    /// Median wall time of <paramref name="runs"/> runs. <paramref name="prepare"/> and <paramref name="cleanup"/>
    /// run outside the stopwatch (fresh campaign before, deleted rows after).
    /// </summary>
    public static TimeSpan Median(int runs, Action<int> body, Action<int>? prepare = null, Action<int>? cleanup = null)
    {
        var times = new List<TimeSpan>(runs);
        for (var run = 0; run < runs; run++)
        {
            prepare?.Invoke(run);
            var watch = Stopwatch.StartNew();
            body(run);
            times.Add(watch.Elapsed);
            cleanup?.Invoke(run);
        }
        return Of(times);
    }

    public static async Task<TimeSpan> MedianAsync(int runs, Func<int, Task> body, Action<int>? prepare = null, Action<int>? cleanup = null)
    {
        var times = new List<TimeSpan>(runs);
        for (var run = 0; run < runs; run++)
        {
            prepare?.Invoke(run);
            var watch = Stopwatch.StartNew();
            await body(run);
            times.Add(watch.Elapsed);
            cleanup?.Invoke(run);
        }
        return Of(times);
    }

    public static TimeSpan Of(IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.OrderBy(t => t).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
