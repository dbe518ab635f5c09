using System.Diagnostics;
using System.Net;
using System.Text;

namespace CampaignEngine.Bench.Load;

/// <summary>Requests per second and latency percentiles of one run of the load.</summary>
internal sealed record LoadResult(int Requests, int Failures, double PerSecond, double P50Ms, double P99Ms, string? FirstFailure);

/// <summary>
/// A closed-loop HTTP load: <c>concurrency</c> workers each send a request, wait for its answer and send the next,
/// for a fixed time after a warm-up. It runs on the same two cores as the server it loads, for both sides alike.
/// </summary>
internal static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(Uri baseUri, Func<int, (string Path, string Json)> request, HttpStatusCode expected,
        int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var measuring = false;
        var stop = false;
        var latencies = new List<double>[concurrency];
        var failures = 0;
        string? firstFailure = null;

        async Task Worker(int worker)
        {
            var mine = latencies[worker] = new List<double>(100_000);
            for (var i = worker; !Volatile.Read(ref stop); i += concurrency)
            {
                var (path, json) = request(i);
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
                await response.Content.LoadIntoBufferAsync();
                if (!Volatile.Read(ref measuring)) continue;
                if (response.StatusCode != expected && Interlocked.Increment(ref failures) == 1)
                    firstFailure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(() => Worker(w))).ToArray();
        await Task.Delay(warmUp);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        Volatile.Write(ref measuring, false);
        var elapsed = clock.Elapsed;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).OrderBy(x => x).ToArray();
        if (all.Length == 0) throw new InvalidOperationException($"No request to {baseUri} completed in {duration.TotalSeconds} s.");
        double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadResult(all.Length, failures, all.Length / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), firstFailure);
    }
}
