using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// E-mail over SMTP with MailKit, on pooled connections. A 5xx refusal of the recipient or the message is
/// permanent; connection trouble, timeouts and 4xx ("try again later") are transient for the ledger to retry.
/// </summary>
internal sealed class SmtpEmailSender : IChannelSender, IDisposable
{
    private readonly EmailOptions _options;
    private readonly SmtpConnectionPool _pool;
    private readonly MailboxAddress _from;

    public SmtpEmailSender(IOptions<EmailOptions> options)
    {
        _options = options.Value;
        _pool = new SmtpConnectionPool(_options);
        _from = MailboxAddress.Parse(_options.From!);
    }

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        MimeMessage mime;
        try { mime = EmailMessageBuilder.Build(message, _from); }
        catch (ParseException) { return SendOutcome.Failed("email: invalid address", permanent: true); }

        SmtpClient client;
        try { client = await _pool.RentAsync(cancellationToken); }
        catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
        {
            return SendOutcome.Failed($"email: cannot connect to the SMTP server ({ex.GetType().Name})", permanent: false);
        }
        catch (AuthenticationException)
        {
            return SendOutcome.Failed("email: SMTP authentication failed", permanent: false);
        }
        catch (NotSupportedException)
        {
            // MailKit's answer when STARTTLS is required and the server (or someone in between) did not offer it.
            return SendOutcome.Failed("email: the SMTP server did not offer STARTTLS, which is required (UseTls, or a user and password); nothing was sent", permanent: false);
        }
        catch (PlainTextCredentialsException)
        {
            return SendOutcome.Failed("email: UseTls is false but a user is set; the password is never sent in plain text", permanent: false);
        }

        var healthy = false;
        try
        {
            await client.SendAsync(mime, cancellationToken);
            healthy = true;
            return SendOutcome.Sent(EmailMessageBuilder.MessageId(message));
        }
        catch (SmtpCommandException ex)
        {
            // After a refused command MailKit resets the transaction; the connection stays usable.
            healthy = true;
            var code = (int)ex.StatusCode;
            var permanent = code >= 500 && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
            return SendOutcome.Failed($"email: {code} {ChannelErrors.Redact(ex.Message)}", permanent);
        }
        catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
        {
            return SendOutcome.Failed($"email: connection lost ({ex.GetType().Name})", permanent: false);
        }
        finally
        {
            _pool.Return(client, healthy);
        }
    }

    private static bool IsConnectionFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is IOException or SocketException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    public void Dispose() => _pool.Dispose();
}
