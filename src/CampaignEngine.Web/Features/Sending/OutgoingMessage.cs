namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// One rendered message on its way to a channel. <see cref="FirstName"/> and <see cref="Link"/> are the
/// values a provider-side template needs (WhatsApp templates take parameters, not our rendered text).
/// </summary>
internal sealed record OutgoingMessage(
    long MessageId, long CampaignId, string Channel, string Address, string Language,
    string Subject, string Text, string Short, string? Html, string Token, string UnsubscribeUrl,
    string? FirstName = null, string? Link = null)
{
    /// <summary>A desk's answer to the person, not an appeal: WhatsApp sends it as text or with the answer template.</summary>
    public bool IsAnswer { get; init; }

    /// <summary>WhatsApp: the person wrote in the last 24 hours, so a free-form text may answer (outside, only an approved template).</summary>
    public bool ServiceWindowOpen { get; init; }

    /// <summary>E-mail: the display name of the sender (the module's <c>senderName</c>); null keeps the one of <c>Channels:Email:From</c>.</summary>
    public string? SenderName { get; init; }

    /// <summary>E-mail: the Message-ID (without angle brackets) this message replies to, so it lands in the person's thread.</summary>
    public string? InReplyTo { get; init; }
}

/// <summary>
/// What a channel answered. Permanent failures (invalid address, blocked) are not retried; transient
/// ones are, no sooner than <see cref="RetryAfter"/> when the provider said so (HTTP 429 Retry-After).
/// </summary>
internal sealed record SendOutcome(bool Ok, string? ProviderId, string? Error, bool Permanent = false, TimeSpan? RetryAfter = null)
{
    /// <summary>Not sent because the provider's daily allowance is used up: back in line until then, not an attempt.</summary>
    public DateTimeOffset? DeferredUntil { get; init; }

    public static SendOutcome Deferred(DateTimeOffset until) => new(false, null, "daily-limit") { DeferredUntil = until };

    public static SendOutcome Sent(string providerId) => new(true, providerId, null);
    public static SendOutcome Failed(string error, bool permanent, TimeSpan? retryAfter = null) => new(false, null, error, permanent, retryAfter);
}

/// <summary>A way of delivering messages (file outbox, e-mail, Telegram, WhatsApp, SMS gateway).</summary>
internal interface IChannelSender
{
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A channel that takes a whole claimed batch in one call. The file outbox writes one file per batch: a file
/// per message costs a create and a rename each, which caps the outbox far below the dispatcher's own speed.
/// </summary>
internal interface IBatchChannelSender : IChannelSender
{
    IReadOnlyList<SendOutcome> SendBatch(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);
}
