namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// Stops a render that runs longer than <see cref="TemplateRenderer.Timeout"/> without a timer per render: a
/// <c>CancellationTokenSource</c> with a timeout per render cost more than rendering a short message (measured by
/// bench/: the timer queue's lock and a clock read each time). Each rendering thread keeps one watch and only
/// bumps a counter per render; a single ticker looks at every watch a few times a second and cancels a render it
/// has seen running, unchanged, for the whole timeout. Nothing on the render's path takes a lock.
/// </summary>
internal static class RenderWatchdog
{
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(250);
    private static readonly int StrikesToStop = (int)Math.Ceiling(TemplateRenderer.Timeout / TickEvery);
    // Weak: a watch belongs to its thread, and the thread pool retires idle threads and makes new ones all day long;
    // a dead thread's watch must not stay in this list for the life of the host.
    private static readonly List<WeakReference<Watch>> Watches = [];
    private static readonly Timer Ticker = new(_ => Tick(), null, TickEvery, TickEvery);
    private static int _ticking;

    [ThreadStatic] private static Watch? _thisThread;

    /// <summary>One thread's renders: a number that changes with every render, and the token that stops the current one.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "A watch lives as long as its thread; its token source has no timer and no wait handle is ever read, so there is nothing to release.")]
    public sealed class Watch
    {
        internal long Render;
        internal bool Busy;
        internal CancellationTokenSource Source = new();
        /// <summary>The render the ticker meant to stop: a cancel that lands on a later render is not that render's fault.</summary>
        internal long StoppedRender = -1;
        // The ticker's own bookkeeping.
        internal long SeenRender = -1;
        internal int Strikes;

        public CancellationToken Token => Source.Token;

        /// <summary>True when the ticker stopped this very render, false when its cancel was meant for the one before.</summary>
        public bool StoppedForGood => Volatile.Read(ref StoppedRender) == Render;
    }

    /// <summary>Marks the start of a render on this thread; <see cref="Watch.Token"/> stops it when it runs too long.</summary>
    public static Watch Begin()
    {
        var watch = _thisThread ??= Register();
        // A source cancelled for an earlier render is spent; the next render starts with a fresh one.
        if (watch.Source.IsCancellationRequested) watch.Source = new CancellationTokenSource();
        Volatile.Write(ref watch.Render, watch.Render + 1);
        Volatile.Write(ref watch.Busy, true);
        return watch;
    }

    public static void End(Watch watch) => Volatile.Write(ref watch.Busy, false);

    private static Watch Register()
    {
        GC.KeepAlive(Ticker);
        var watch = new Watch();
        lock (Watches) Watches.Add(new WeakReference<Watch>(watch));
        return watch;
    }

    private static void Tick()
    {
        // A slow tick must not overlap the next one: the bookkeeping below belongs to one ticker at a time.
        if (Interlocked.Exchange(ref _ticking, 1) == 1) return;
        try
        {
            var watches = new List<Watch>();
            lock (Watches)
            {
                Watches.RemoveAll(w => !w.TryGetTarget(out _));
                foreach (var weak in Watches)
                    if (weak.TryGetTarget(out var live)) watches.Add(live);
            }
            foreach (var watch in watches)
            {
                var render = Volatile.Read(ref watch.Render);
                if (!Volatile.Read(ref watch.Busy) || render != watch.SeenRender)
                {
                    (watch.SeenRender, watch.Strikes) = (render, 0);
                    continue;
                }
                if (++watch.Strikes < StrikesToStop) continue;
                Volatile.Write(ref watch.StoppedRender, render);
                watch.Source.Cancel();
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}
