namespace CampaignEngine.Bench;

/// <summary>
/// The process's peak resident memory over a stretch of work. Linux keeps the high-water mark (VmHWM);
/// writing 5 to clear_refs resets it, so the peak belongs to the measured work, not to data generation.
/// A sampler backs it up where the reset is not allowed.
/// </summary>
public sealed class PeakMemory : IDisposable
{
    private readonly Timer _sampler;
    private long _sampledKb;

    public PeakMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        _sampler = new Timer(_ => Sample(), null, 0, 20);
    }

    private void Sample()
    {
        var rss = Machine.ProcStatus("/proc/self/status", "VmRSS") ?? Environment.WorkingSet / 1024;
        if (rss > Interlocked.Read(ref _sampledKb)) Interlocked.Exchange(ref _sampledKb, rss);
    }

    /// <summary>Peak RSS in MB since construction.</summary>
    public double PeakMb
    {
        get
        {
            Sample();
            var hwm = Machine.ProcStatus("/proc/self/status", "VmHWM") ?? 0;
            return Math.Max(hwm, Interlocked.Read(ref _sampledKb)) / 1024.0;
        }
    }

    public void Dispose() => _sampler.Dispose();
}
