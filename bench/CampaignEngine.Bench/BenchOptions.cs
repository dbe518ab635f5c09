using System.Globalization;
namespace CampaignEngine.Bench;

/// <summary>Sizes for one run. Quick mode is for CI: it proves every item still runs, its speed proves nothing.</summary>
internal sealed record BenchOptions(bool Quick, string? Out, int Compatriots, int Pledges, int Dispatch, int Certificates, int Runs, int Threads)
{
    /// <summary>
    /// <c>--only dispatch</c> (or intake, smtp, certificates, audience, pledgereport, desk, mypage, import, search, memory, coldstart): just that item, for profiling (e.g. under dotnet-trace); <c>--dispatch N</c> sets its size.
    /// The table is written only by a full run.
    /// </summary>
    public string? Only { get; init; }

    /// <summary><c>--engine sqlite|postgresql|both</c> (<see cref="Engines"/>): the engines measured, each a column value of the table.</summary>
    public IReadOnlyList<string> Engines { get; init; } = [CampaignEngine.Bench.Engines.Sqlite];

    public bool OnSqlite => Engines.Contains(CampaignEngine.Bench.Engines.Sqlite);

    public bool OnPostgreSql => Engines.Contains(CampaignEngine.Bench.Engines.PostgreSql);

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
        var onlyIndex = Array.IndexOf(args, "--only");
        var dispatchIndex = Array.IndexOf(args, "--dispatch");
        var sized = quick
            ? new BenchOptions(true, output, Compatriots: 20_000, Pledges: 20_000, Dispatch: 2_000, Certificates: 5, Runs: 1, Threads: 20_000)
            : new BenchOptions(false, output, Compatriots: 1_000_000, Pledges: 1_000_000, Dispatch: 20_000, Certificates: 20, Runs: 3, Threads: 1_000_000);
        if (dispatchIndex >= 0 && dispatchIndex + 1 < args.Length) sized = sized with { Dispatch = int.Parse(args[dispatchIndex + 1], CultureInfo.InvariantCulture) };
        // `--compatriots N`: the directory's size (the import file's rows), e.g. a smaller import to profile.
        var compatriotsIndex = Array.IndexOf(args, "--compatriots");
        if (compatriotsIndex >= 0 && compatriotsIndex + 1 < args.Length) sized = sized with { Compatriots = int.Parse(args[compatriotsIndex + 1], CultureInfo.InvariantCulture) };
        var engineIndex = Array.IndexOf(args, "--engine");
        var engines = CampaignEngine.Bench.Engines.Parse(engineIndex >= 0 && engineIndex + 1 < args.Length ? args[engineIndex + 1] : null);
        if (engines.Contains(CampaignEngine.Bench.Engines.PostgreSql) && CampaignEngine.Bench.Engines.Server is null)
            throw new ArgumentException("--engine postgresql needs a server: set BENCH_POSTGRES (or CAMPAIGNENGINE_TEST_POSTGRES) to a connection string that may create databases.");
        sized = sized with { Engines = engines };
        return onlyIndex >= 0 && onlyIndex + 1 < args.Length ? sized with { Only = args[onlyIndex + 1] } : sized;
    }

    /// <summary>Where the table goes: the given path, else a temporary file so a quick CI run never overwrites the committed table.</summary>
    public string OutputPath => Out ?? Path.Combine(Path.GetTempPath(), $"campaign-engine-bench-{Environment.ProcessId}.md");
}
