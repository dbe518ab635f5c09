using System.Diagnostics;

namespace CampaignEngine.Bench;

/// <summary>
/// The host as deploy/ installs it: `dotnet publish src/CampaignEngine.Web -c &lt;configuration&gt;`, run as
/// `dotnet CampaignEngine.Web.dll` from the published folder. The publish compiles it ahead of time (ReadyToRun,
/// ADR 0014), which a plain build does not, so the items that start the host in its own process (cold start, memory)
/// measure this folder rather than bin/. Published once per bench run, into the bench's temporary folder.
/// </summary>
internal static class PublishedHost
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? published;

    public static async Task<string> Dll(string root)
    {
        await Once.WaitAsync();
        try
        {
            return published ??= await Publish(Path.Combine(root, "published-host"));
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<string> Publish(string folder)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var project = Path.Combine(Items.ColdStartItem.RepositoryRoot(), "src", "CampaignEngine.Web");
        var watch = Stopwatch.StartNew();
        using var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "-o", folder, "-v", "quiet", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed: {await output}{await errors}");
        Console.WriteLine($"Published the host ({configuration}) to {folder} in {watch.Elapsed.TotalSeconds:N0} s.");
        return Path.Combine(folder, "CampaignEngine.Web.dll");
    }
}
