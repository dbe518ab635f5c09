namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>What a provider told us, whatever its payload looked like.</summary>
internal abstract record ProviderEvent(string Channel)
{
    /// <summary>The provider's id of this event (with the status for delivery reports): seen once, applied once.</summary>
    public string? EventId { get; init; }

    /// <summary>When the provider says the event happened, inside the signed body; null when the provider signs none.</summary>
    public DateTimeOffset? SignedAt { get; init; }
}

/// <summary>A delivery report: <paramref name="Status"/> is delivered, read or failed.</summary>
internal sealed record DeliveryReport(string Channel, string ProviderId, string Status, string? Error) : ProviderEvent(Channel);

/// <summary>A message a person sent us: identified by phone (E.164) or Telegram chat id.</summary>
internal sealed record InboundMessage(string Channel, string From, string Text, IReadOnlyList<string> Handles) : ProviderEvent(Channel)
{
    /// <summary>
    /// The provider's id of the message of ours the person replied to (WhatsApp's <c>context.id</c>, Telegram's
    /// "chat:message" of <c>reply_to_message</c>), as the ledger keeps it: the reply answers that message.
    /// </summary>
    public string? RepliesTo { get; init; }
}
