using System.Diagnostics;
using MimeKit;

namespace CampaignEngine.TestSupport.Smtp;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd with <c>smtp_sink.py</c>, storing each message as a
/// file. Absent locally it skips the test with the reason; under CI=true its absence fails the test.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process _process;

    private SmtpSink(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }
    public string Folder { get; }

    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(Folder, "*.eml").Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>How many messages the server accepted so far, without reading them.</summary>
    public int Count() => Directory.EnumerateFiles(Folder, "*.eml").Count();

    /// <summary>
    /// The envelope recipients of every accepted message, one list per message (from the sink's envelope log): cheap
    /// enough to count tens of thousands of messages per recipient.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Envelopes()
    {
        var log = Path.Combine(Folder, "envelopes.log");
        if (!File.Exists(log)) return [];
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var envelopes = new List<IReadOnlyList<string>>();
        while (reader.ReadLine() is { } line)
        {
            // A line still being written has no tab yet or no end: only whole lines count.
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0) continue;
            envelopes.Add(line[(tab + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        return envelopes;
    }

    /// <summary>How many SMTP connections delivered the stored messages (the sink names files by client port).</summary>
    public int Connections() =>
        Directory.GetFiles(Folder, "*.eml").Select(f => Path.GetFileName(f).Split('-')[0]).Distinct().Count();

    /// <summary>Starts the server, refusing <paramref name="rejected"/> with 550; returns when it accepts connections.</summary>
    public static Task<SmtpSink> StartAsync(params string[] rejected) =>
        StartAsync((port, folder) => ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "smtp_sink.FileSink", folder, string.Join(",", rejected)]);

    /// <summary>
    /// Starts a server that offers AUTH on a plain connection and no STARTTLS — what a client sees when someone in
    /// between strips the STARTTLS offer. <see cref="AuthAttempts"/> lists every AUTH it received.
    /// </summary>
    public static Task<SmtpSink> StartOfferingAuthWithoutTlsAsync() =>
        StartAsync((port, folder) => [Path.Combine(AppContext.BaseDirectory, "Smtp", "smtp_sink.py"), "auth-without-tls", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), folder]);

    /// <summary>The AUTH commands the server received (mechanism and login), in order; empty when none.</summary>
    public IReadOnlyList<string> AuthAttempts()
    {
        var log = Path.Combine(Folder, "auth-attempts.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    private static async Task<SmtpSink> StartAsync(Func<int, string, string[]> arguments)
    {
        var python = FindPython();
        if (python is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("python3 with aiosmtpd is missing and CI=true: SMTP tests are mandatory on CI (apt-get install python3-aiosmtpd).");
            Skip.If(true, "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd); SMTP tests skipped. Under CI=true they fail instead.");
        }
        var folder = Path.Combine(Path.GetTempPath(), "ce-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = Ports.Free();
        var start = new ProcessStartInfo(python!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments(port, folder)) start.ArgumentList.Add(argument);
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Smtp");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var sink = new SmtpSink(process, port, folder);
        try { await Ports.WaitUntilListeningAsync(port, process, "aiosmtpd", () => string.Join(Environment.NewLine, errors)); }
        catch
        {
            sink.Dispose();
            throw;
        }
        return sink;
    }

    /// <summary>The first python3 that has aiosmtpd: Debian's package lives under /usr/bin, not in a pyenv.</summary>
    private static string? FindPython()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var check = Process.Start(new ProcessStartInfo(candidate, "-c \"import aiosmtpd\"") { RedirectStandardError = true, UseShellExecute = false });
                if (check is null) continue;
                check.WaitForExit(10_000);
                if (check.HasExited && check.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception) { /* not on this machine */ }
        }
        return null;
    }


    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
