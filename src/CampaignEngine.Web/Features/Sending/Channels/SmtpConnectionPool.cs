using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// Open, authenticated SMTP connections kept for reuse: a handshake (and TLS) per message would cost
/// more than the message. A connection that failed is disposed, never returned.
/// </summary>
internal sealed class SmtpConnectionPool(EmailOptions options) : IDisposable
{
    private readonly ConcurrentBag<SmtpClient> _idle = [];
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.PoolSize));

    public async Task<SmtpClient> RentAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            while (_idle.TryTake(out var idle))
            {
                if (idle.IsConnected) return idle;
                idle.Dispose();
            }
            return await ConnectAsync(cancellationToken);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(SmtpClient client, bool healthy)
    {
        if (healthy && client.IsConnected) _idle.Add(client);
        else client.Dispose();
        _slots.Release();
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = Math.Max(1, options.TimeoutSeconds) * 1000 };
        try
        {
            var security = SecurityFor(options);
            await client.ConnectAsync(await NoDelaySocketAsync(options.Host!, options.Port, cancellationToken), options.Host!, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.User))
                await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// How the connection is secured. With a user and password, TLS is required: "STARTTLS when offered" would
    /// send them in plain text to anyone who strips the offer from the server's greeting (a man in the middle), so
    /// a server without STARTTLS is refused before any credential is written, and a configuration that turns TLS
    /// off while giving credentials is refused outright.
    /// </summary>
    public static SecureSocketOptions SecurityFor(EmailOptions options)
    {
        var implicitTls = options.Port == 465;
        if (string.IsNullOrEmpty(options.User))
            return options.UseTls switch
            {
                true => implicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
                false => SecureSocketOptions.None,
                null => SecureSocketOptions.StartTlsWhenAvailable,
            };
        if (options.UseTls == false) throw new PlainTextCredentialsException();
        return implicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
    }

    /// <summary>
    /// A connected socket with Nagle's algorithm off. MailKit writes a message's last bytes as a small separate
    /// segment; with Nagle on, that segment waits for the server's delayed ACK (40 ms on Linux) — measured here,
    /// it held every message for about 30 ms. MailKit owns and closes the socket from here on.
    /// </summary>
    public static async Task<System.Net.Sockets.Socket> NoDelaySocketAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            try { if (client.IsConnected) client.Disconnect(quit: true); }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or OperationCanceledException) { /* closing anyway */ }
            client.Dispose();
        }
        _slots.Dispose();
    }
}

/// <summary>Credentials would go over an unencrypted connection: refused, whatever the server offers.</summary>
internal sealed class PlainTextCredentialsException()
    : InvalidOperationException("Channels:Email:User is set with UseTls = false: an SMTP password is never sent in plain text.");
