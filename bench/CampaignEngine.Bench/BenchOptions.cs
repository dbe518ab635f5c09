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
        var output = Text(args, "--out");
        var sized = quick
            ? new BenchOptions(true, output, Compatriots: 20_000, Pledges: 20_000, Dispatch: 2_000, Certificates: 5, Runs: 1, Threads: 20_000)
            : new BenchOptions(false, output, Compatriots: 1_000_000, Pledges: 1_000_000, Dispatch: 20_000, Certificates: 20, Runs: 3, Threads: 1_000_000);
        // `--dispatch N`: the dispatch item's size; `--compatriots N`: the directory's (the import file's rows), e.g. a
        // smaller import to profile; `--threads N`: the desk's threads, e.g. fewer to look at a plan without copying a million.
        if (Number(args, "--dispatch") is { } dispatch) sized = sized with { Dispatch = dispatch };
        if (Number(args, "--compatriots") is { } compatriots) sized = sized with { Compatriots = compatriots };
        if (Number(args, "--threads") is { } threads) sized = sized with { Threads = threads };
        var engines = CampaignEngine.Bench.Engines.Parse(Text(args, "--engine"));
        if (engines.Contains(CampaignEngine.Bench.Engines.PostgreSql) && CampaignEngine.Bench.Engines.Server is null)
            throw new ArgumentException("--engine postgresql needs a server: set BENCH_POSTGRES (or CAMPAIGNENGINE_TEST_POSTGRES) to a connection string that may create databases.");
        sized = sized with { Engines = engines };
        return Text(args, "--only") is { } only ? sized with { Only = only } : sized;
    }

    /// <summary>The value after <paramref name="flag"/>, or null when the flag (or its value) is not given.</summary>
    private static string? Text(string[] args, string flag)
    {
        var index = Array.IndexOf(args, flag);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int? Number(string[] args, string flag) =>
        Text(args, flag) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <summary>Where the table goes: the given path, else a temporary file so a quick CI run never overwrites the committed table.</summary>
    public string OutputPath => Out ?? Path.Combine(Path.GetTempPath(), $"campaign-engine-bench-{Environment.ProcessId}.md");
}
