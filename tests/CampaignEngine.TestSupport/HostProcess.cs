using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CampaignEngine.TestSupport;

/// <summary>
/// The already-built CampaignEngine host, started as its own process on a free port with its database and
/// outbox in a temp folder. Running the real binary (not WebApplicationFactory) is what the browser must see:
/// Kestrel, static files, Hangfire and the file outbox exactly as deployed.
/// </summary>
public sealed class HostProcess : IDisposable
{
    public const string AdminLogin = "admin";
    public const string AdminPassword = "browser-tests-Pa55!";
    public const string AdminApiKey = "browser-tests-api-key-0123456789abcdef";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public string BaseUrl { get; }
    public string DataFolder { get; }
    public string DatabasePath => Path.Combine(DataFolder, "campaign-engine.db");
    public string OutboxPath => Path.Combine(DataFolder, "outbox");

    /// <summary>The host's process id, which it also writes into the names of its claims (<c>send_message.claimed_by</c>).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process is gone (killed, or exited on its own).</summary>
    public bool HasExited => _process.HasExited;

    private HostProcess(string baseUrl, string dataFolder, Process process)
    {
        BaseUrl = baseUrl;
        DataFolder = dataFolder;
        _process = process;
    }

    /// <summary>
    /// Starts the host on <paramref name="dataFolder"/> (an existing folder is reused, as after a restart);
    /// <paramref name="settings"/> are configuration keys such as <c>Channels:Email:Host</c>.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = RepositoryPaths.WebAssembly;
        if (!File.Exists(dll))
            throw new InvalidOperationException($"The host is not built: {dll} is missing. Run `dotnet build` first.");

        var port = Ports.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            // The project folder is the content root, as with `dotnet run`: wwwroot is served from there.
            WorkingDirectory = RepositoryPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", baseUrl, "--contentRoot", RepositoryPaths.WebProject }) start.ArgumentList.Add(arg);
        var env = start.Environment;
        env["Database__Path"] = Path.Combine(dataFolder, "campaign-engine.db");
        env["Outbox__Path"] = Path.Combine(dataFolder, "outbox");
        env["Demo__Enabled"] = "false";
        env["Bootstrap__AdminPassword"] = AdminPassword;
        env["Bootstrap__AdminApiKey"] = AdminApiKey;
        env["PublicBaseUrl"] = baseUrl;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) env[key.Replace(":", "__")] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(baseUrl, dataFolder, process);
        process.OutputDataReceived += (_, e) => host.Record(e.Data);
        process.ErrorDataReceived += (_, e) => host.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Kills the host at once, as <c>kill -9</c> would (SIGKILL on Linux): no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped: nothing left to stop.
        }
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was healthy. Output:\n{Output}");
            try
            {
                using var response = await http.GetAsync($"{BaseUrl}/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting (two shared cores); ask again.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"GET {BaseUrl}/health did not answer 200 within {StartupTimeout.TotalSeconds} s. Output:\n{Output}");
    }


    // The test host itself runs under `dotnet`; using the same one avoids picking another SDK from PATH.
    private static string DotnetExecutable()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
