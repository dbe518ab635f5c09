using System.Diagnostics;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>Runs the built host executable as a separate process, as a stranger would run it: no test host, no database.</summary>
public static class HostCommand
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(HostDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>src/CampaignEngine.Web/bin/&lt;configuration&gt;/&lt;tfm&gt;/CampaignEngine.Web.dll, built with the tests (a project reference).</summary>
    private static string HostDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CampaignEngine.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var dll = Path.Combine(root!.FullName, "src", "CampaignEngine.Web", "bin", configuration, framework, "CampaignEngine.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        return dll;
    }
}
