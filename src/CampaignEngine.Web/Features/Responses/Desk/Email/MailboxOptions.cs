using System.Net;
using MailKit.Security;

namespace CampaignEngine.Web.Features.Responses.Desk.Email;

/// <summary>
/// The reply mailbox (<c>Desk:Mailbox</c>): where people's answers to our e-mails arrive, polled over IMAP. Without a
/// <see cref="Host"/> nothing is polled.
/// </summary>
internal sealed class MailboxOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder read for unseen messages.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>Where a taken message is moved; without one it stays where it is, marked seen.</summary>
    public string? ProcessedFolder { get; set; }

    /// <summary>
    /// <c>SslOnConnect</c>, <c>StartTls</c> or <c>None</c>; <c>Auto</c> (the default) is TLS on connect on port 993 and
    /// STARTTLS otherwise — required, never "when offered", so a server whose offer was stripped gets no password.
    /// </summary>
    public string Security { get; set; } = "Auto";

    /// <summary>At most this many messages per poll; the rest wait for the next minute.</summary>
    public int BatchSize { get; set; } = 100;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>
    /// The connection's security. <c>None</c> sends the password in clear, so it is accepted for a server on this
    /// machine only (a local relay, a test server).
    /// </summary>
    public SecureSocketOptions SocketOptions() => Security.ToUpperInvariant() switch
    {
        "AUTO" => Port == 993 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls,
        "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
        "STARTTLS" => SecureSocketOptions.StartTls,
        "NONE" when IsLoopback(Host) => SecureSocketOptions.None,
        "NONE" => throw new InvalidOperationException("Desk:Mailbox:Security None sends the password in clear: it is allowed for a server on this machine only."),
        _ => throw new InvalidOperationException($"Desk:Mailbox:Security must be Auto, SslOnConnect, StartTls or None, not '{Security}'."),
    };

    private static bool IsLoopback(string? host) =>
        host is not null && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)));
}
