using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CampaignEngine.TestSupport;

public static class Ports
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it; released at once for the caller to bind).</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Returns once something accepts connections on the loopback port; fails when <paramref name="server"/> exits first
    /// or 15 s pass, saying why with <paramref name="diagnostics"/> (its error output, its log).
    /// </summary>
    public static async Task WaitUntilListeningAsync(int port, Process server, string name, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException($"{name} exited with {server.ExitCode}: {diagnostics()}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"{name} did not listen on port {port} within 15 s. {diagnostics()}");
    }
}
