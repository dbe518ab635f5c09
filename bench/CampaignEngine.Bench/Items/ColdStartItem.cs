using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Item 7: from process start to the first 200 on GET /health, for the published host (<see cref="PublishedHost"/>: as
/// deploy/ installs it; six modules, demo off, an already migrated database) beside a bare ASP.NET Core app with the
/// same endpoint. Each run is a new process. On PostgreSQL the host starts on an already migrated database of its own.
/// </summary>
internal static class ColdStartItem
{
    public static async Task<Result> Run(string root, BenchOptions options)
    {
        var data = Path.Combine(root, "cold-start");
        return await StartsBesideBare(root, options, Engines.Sqlite, new Dictionary<string, string>
        {
            ["Database__Path"] = Path.Combine(data, "cold.db"),
            ["Outbox__Path"] = Path.Combine(data, "outbox"),
            ["DataProtection__KeysPath"] = Path.Combine(data, "keys"),
        });
    }

    /// <summary>
    /// The same on PostgreSQL: the published host started with <c>Database:Provider=postgresql</c> on a database of its
    /// own that the bench's in-process host has already migrated (and drops afterwards), beside the same bare app.
    /// </summary>
    public static async Task<Result> RunPostgreSql(string root, BenchOptions options)
    {
        await using var migrated = ProductHost.CreateOn(Engines.PostgreSql, root, "pg-cold-start");
        return await StartsBesideBare(root, options, Engines.PostgreSql, new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgresql",
            ["ConnectionStrings__CampaignEngine"] = migrated.ConnectionString!,
            ["Database__Path"] = migrated.DbPath,
            ["Outbox__Path"] = migrated.OutboxPath,
            ["DataProtection__KeysPath"] = Path.Combine(migrated.Folder, "started-keys"),
        });
    }

    private static async Task<Result> StartsBesideBare(string root, BenchOptions options, string engine, Dictionary<string, string> database)
    {
        var product = await PublishedHost.Dll(root);
        var bare = BuiltDll(Path.Combine("bench", "BareHost"), "BareHost.dll");
        var environment = new Dictionary<string, string>(database)
        {
            ["Demo__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        // BENCH_COMPARE_HOST names another build's CampaignEngine.Web.dll (e.g. main's, copied aside) to start in turn
        // with these two, so that a change is measured before and after in the same run, under the same load.
        var other = Environment.GetEnvironmentVariable("BENCH_COMPARE_HOST") is { Length: > 0 } path ? path : null;
        // One untimed start each: it migrates the database and brings the binaries into the page cache.
        await StartToReady(product, environment);
        await StartToReady(bare, environment);
        if (other is not null) await StartToReady(other, environment);
        var hostTimes = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        var bareTimes = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        var otherTimes = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        var runs = other is null ? options.Runs : Math.Max(options.Runs, 5);
        for (var run = 0; run < runs; run++)
        {
            hostTimes.Add(await StartToReady(product, environment));
            bareTimes.Add(await StartToReady(bare, environment));
            if (other is not null) otherTimes.Add(await StartToReady(other, environment));
        }
        var (host, limit) = (Wall(hostTimes), Wall(bareTimes));
        var compared = other is null ? "" : $" The other build ({other}) in the same runs: {Wall(otherTimes):N0} ms, " +
            $"{Wall(otherTimes) / limit:0.00}× the bare app, {Cpu(otherTimes):N0} ms of CPU.";
        return new Result("cold start to ready (GET /health = 200), six modules, demo off", "migrated database",
            host, "ms", "bare ASP.NET Core app (`bench/BareHost`)", limit, BudgetKind.RatioAtMost, 2.5,
            $"Issue 20's budget (≤ 2.5× the bare app); the first round's, ≤ 1,500 ms, is {(host <= 1500 ? "met" : "missed")}. CPU time of the process until ready (user + system, all threads) " +
            $"{Cpu(hostTimes):N0} ms beside {Cpu(bareTimes):N0} ms ({Cpu(hostTimes) / Cpu(bareTimes):0.00}×). New `dotnet` process per run, " +
            $"{runs} runs each, medians; the clock starts before Process.Start; the published host (`dotnet publish -c <configuration>`, " +
            $"as deploy/ installs it: ReadyToRun, ADR 0014), the bare app as built.{compared}")
        { Engine = engine };
    }

    private static double Wall(List<(TimeSpan Wall, TimeSpan Cpu)> runs) => Measure.Of(runs.Select(r => r.Wall).ToList()).TotalMilliseconds;

    private static double Cpu(List<(TimeSpan Wall, TimeSpan Cpu)> runs) => Measure.Of(runs.Select(r => r.Cpu).ToList()).TotalMilliseconds;

    /// <summary>User and system time of a process from /proc (clock ticks of 10 ms); zero off Linux.</summary>
    private static TimeSpan ProcessCpu(int pid)
    {
        var path = $"/proc/{pid}/stat";
        if (!File.Exists(path)) return TimeSpan.Zero;
        var stat = File.ReadAllText(path);
        // Fields after the command's closing parenthesis: state is the 3rd field, utime the 14th and stime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Wall time to the first 200, and the CPU time (user and system, all threads) the process had spent by then.</summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> StartToReady(string dll, IReadOnlyDictionary<string, string> environment)
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
                if (process.HasExited) throw new InvalidOperationException($"{Path.GetFileName(dll)} {HostOutput.Ended(process)} before it was ready.");
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/health");
                    if (response.StatusCode == HttpStatusCode.OK) return (watch.Elapsed, ProcessCpu(process.Id));
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


    /// <summary>A built dll as its own <c>dotnet</c> process with these environment variables; its output is drained (<see cref="HostOutput"/>) so a chatty host never blocks on a full pipe.</summary>
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
        HostOutput.Drain(process);
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
