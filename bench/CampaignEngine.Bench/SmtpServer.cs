using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CampaignEngine.Bench;

/// <summary>
/// A local SMTP server that accepts and discards every message: Debian's aiosmtpd with its Sink handler
/// (<c>apt-get install python3-aiosmtpd</c>, which .ci/run installs). Both sides of the SMTP item send to it.
/// </summary>
internal sealed class SmtpServer : IDisposable
{
    private readonly Process _process;

    private SmtpServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static SmtpServer Start()
    {
        var port = Ports.Free();
        // Debian's python first: a pyenv python on PATH does not have the Debian package.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited ({process.StandardError.ReadToEnd().Trim()}); install python3-aiosmtpd.");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new SmtpServer(process, port);
            }
            catch (SocketException) { Thread.Sleep(100); }
        }
        process.Kill();
        throw new TimeoutException($"aiosmtpd did not listen on port {port} within 15 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
