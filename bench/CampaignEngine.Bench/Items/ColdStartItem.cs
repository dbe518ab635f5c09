using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 7: from process start to the first 200 on GET /health, for the built host (six modules, demo off, an
/// already migrated database) beside a bare ASP.NET Core app with the same endpoint. Each run is a new process.
/// </summary>
internal static class ColdStartItem
{
    public static async Task<Result> Run(string root, BenchOptions options)
    {
        var product = BuiltDll(Path.Combine("src", "CampaignEngine.Web"), "CampaignEngine.Web.dll");
        var bare = BuiltDll(Path.Combine("bench", "BareHost"), "BareHost.dll");
        var data = Path.Combine(root, "cold-start");
        var environment = new Dictionary<string, string>
        {
            ["Demo__Enabled"] = "false",
            ["Database__Path"] = Path.Combine(data, "cold.db"),
            ["Outbox__Path"] = Path.Combine(data, "outbox"),
            ["DataProtection__KeysPath"] = Path.Combine(data, "keys"),
            ["Logging__LogLevel__Default"] = "Warning",
        };

        // One untimed start each: it migrates the database and brings the binaries into the page cache.
        await StartToReady(product, environment);
        await StartToReady(bare, environment);
        var hostTimes = new List<TimeSpan>();
        var bareTimes = new List<TimeSpan>();
        for (var run = 0; run < options.Runs; run++)
        {
            hostTimes.Add(await StartToReady(product, environment));
            bareTimes.Add(await StartToReady(bare, environment));
        }
        return new Result("cold start to ready (GET /health = 200), six modules, demo off", "migrated database",
            Measure.Of(hostTimes).TotalMilliseconds, "ms", "bare ASP.NET Core app (`bench/BareHost`)", Measure.Of(bareTimes).TotalMilliseconds,
            BudgetKind.AtMost, 1500, "New `dotnet` process per run; the clock starts before Process.Start.");
    }

    private static async Task<TimeSpan> StartToReady(string dll, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build {dll} first (the bench project builds it).", dll);
        var port = Ports.Free();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        using var process = StartDll(dll, new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited) throw new InvalidOperationException($"{Path.GetFileName(dll)} exited with {process.ExitCode} before it was ready.");
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/health");
                    if (response.StatusCode == HttpStatusCode.OK) return watch.Elapsed;
                }
                catch (HttpRequestException) { }
                await Task.Delay(5);
            }
            throw new TimeoutException($"{Path.GetFileName(dll)} was not ready within 60 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }


    /// <summary>A built dll as its own <c>dotnet</c> process with these environment variables; its output is drained so a chatty host never blocks on a full pipe.</summary>
    public static Process StartDll(string dll, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// A project's built dll: the bench was built in some configuration (Release for real numbers), and the
    /// projects beside it were built in the same.
    /// </summary>
    public static string BuiltDll(string project, string dll)
    {
        var binaries = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var (configuration, framework) = (binaries.Parent!.Name, binaries.Name);
        return Path.Combine(RepositoryRoot(), project, "bin", configuration, framework, dll);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CampaignEngine.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CampaignEngine.sln not found above the bench's binaries.");
    }
}
