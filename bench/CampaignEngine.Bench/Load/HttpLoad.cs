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
    public static Task<LoadResult> RunAsync(Uri baseUri, Func<int, (string Path, string Json)> request, HttpStatusCode expected,
        int concurrency, TimeSpan warmUp, TimeSpan duration) => RunAsync([baseUri], request, expected, concurrency, warmUp, duration);

    /// <summary>The same load spread over several hosts: worker <c>w</c> sends to host <c>w mod n</c> (a round-robin balancer).</summary>
    public static async Task<LoadResult> RunAsync(Uri[] baseUris, Func<int, (string Path, string Json)> request, HttpStatusCode expected,
        int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        var handlers = baseUris.Select(_ => new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false, AllowAutoRedirect = false }).ToArray();
        var clients = baseUris.Select((uri, i) => new HttpClient(handlers[i]) { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        try
        {
            return await RunAsync(clients, request, expected, concurrency, warmUp, duration);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
            foreach (var handler in handlers) handler.Dispose();
        }
    }

    private static async Task<LoadResult> RunAsync(HttpClient[] clients, Func<int, (string Path, string Json)> request, HttpStatusCode expected,
        int concurrency, TimeSpan warmUp, TimeSpan duration)
    {
        var measuring = false;
        var stop = false;
        var latencies = new List<double>[concurrency];
        var failures = 0;
        string? firstFailure = null;

        async Task Worker(int worker)
        {
            var mine = latencies[worker] = new List<double>(100_000);
            var client = clients[worker % clients.Length];
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
        if (all.Length == 0) throw new InvalidOperationException($"No request to {clients[0].BaseAddress} completed in {duration.TotalSeconds} s.");
        double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadResult(all.Length, failures, all.Length / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), firstFailure);
    }
}
