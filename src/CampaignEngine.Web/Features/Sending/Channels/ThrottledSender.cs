namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>Waits for the channel's token bucket before each send, so no provider is pushed past its rate.</summary>
internal sealed class ThrottledSender(IChannelSender inner, TokenBucket bucket) : IChannelSender
{
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        await bucket.WaitAsync(cancellationToken);
        return await inner.SendAsync(message, cancellationToken);
    }
}
