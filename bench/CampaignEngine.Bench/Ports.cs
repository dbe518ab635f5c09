using System.Net;
using System.Net.Sockets;

namespace CampaignEngine.Bench;

internal static class Ports
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
}
