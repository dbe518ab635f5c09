namespace CampaignEngine.Web.Features.Sending;

/// <summary>One rendered message on its way to a channel.</summary>
public sealed record OutgoingMessage(
    long MessageId, long CampaignId, string Channel, string Address, string Language,
    string Subject, string Text, string Short, string? Html, string Token, string UnsubscribeUrl);

/// <summary>What a channel answered. Permanent failures are not retried.</summary>
public sealed record SendOutcome(bool Ok, string? ProviderId, string? Error, bool Permanent = false)
{
    public static SendOutcome Sent(string providerId) => new(true, providerId, null);
    public static SendOutcome Failed(string error, bool permanent) => new(false, null, error, permanent);
}

/// <summary>A way of delivering messages (file outbox, e-mail, Telegram, WhatsApp, SMS gateway).</summary>
public interface IChannelSender
{
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
