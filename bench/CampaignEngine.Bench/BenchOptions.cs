namespace CampaignEngine.Bench;

/// <summary>Sizes for one run. Quick mode is for CI: it proves every item still runs, its speed proves nothing.</summary>
public sealed record BenchOptions(bool Quick, string? Out, int Compatriots, int Pledges, int Dispatch, int Certificates, int Runs)
{
    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
        return quick
            ? new BenchOptions(true, output, Compatriots: 20_000, Pledges: 20_000, Dispatch: 2_000, Certificates: 5, Runs: 1)
            : new BenchOptions(false, output, Compatriots: 1_000_000, Pledges: 1_000_000, Dispatch: 20_000, Certificates: 20, Runs: 3);
    }

    /// <summary>Where the table goes: the given path, else a temporary file so a quick CI run never overwrites the committed table.</summary>
    public string OutputPath => Out ?? Path.Combine(Path.GetTempPath(), $"campaign-engine-bench-{Environment.ProcessId}.md");
}
