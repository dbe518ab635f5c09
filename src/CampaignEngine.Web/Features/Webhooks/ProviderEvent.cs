namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>What a provider told us, whatever its payload looked like.</summary>
public abstract record ProviderEvent(string Channel);

/// <summary>A delivery report: <paramref name="Status"/> is delivered, read or failed.</summary>
public sealed record DeliveryReport(string Channel, string ProviderId, string Status, string? Error) : ProviderEvent(Channel);

/// <summary>A message a person sent us: identified by phone (E.164) or Telegram chat/handle.</summary>
public sealed record InboundMessage(string Channel, string From, string Text, IReadOnlyList<string> Handles) : ProviderEvent(Channel);
