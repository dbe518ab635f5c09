using CampaignEngine.Web.Features.Sending.Channels;
using CampaignEngine.Web.Features.Sending.Quota;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// Picks the sender for a channel: its configured provider, or the file outbox when the channel has
/// no provider settings (the default, so that nothing leaves the machine unless configured). Provider
/// channels are throttled by one token bucket each, shared by every worker in the process, and by the shared
/// <see cref="ChannelQuota"/> that every host using the database draws from.
/// </summary>
internal sealed class ChannelRouter
{
    private readonly FileOutbox _outbox;
    private readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);

    public ChannelRouter(FileOutbox outbox, IServiceProvider services, TimeProvider clock)
    {
        _outbox = outbox;
        Add<EmailOptions, SmtpEmailSender>("email", services, clock, o => $"smtp {o.Host}:{o.Port}");
        Add<TelegramOptions, TelegramSender>("telegram", services, clock, o => $"telegram bot api {o.BaseUrl ?? "api.telegram.org"}");
        Add<WhatsAppOptions, WhatsAppSender>("whatsapp", services, clock, o => $"whatsapp cloud api {o.BaseUrl} (template {o.TemplateName})");
        Add<SmsOptions, SmsGatewaySender>("sms", services, clock, o => $"sms gateway {o.BaseUrl}");
    }

    public IChannelSender For(string channel) => _routes.TryGetValue(channel, out var route) ? route.Sender : _outbox;

    /// <summary>How many messages of a batch may be in flight at once on <paramref name="channel"/>.</summary>
    public int ParallelismOf(string channel) => _routes.TryGetValue(channel, out var route) ? route.Parallelism : 1;

    /// <summary>The provider's per-second and per-day limits; none for the file outbox.</summary>
    public ChannelLimits LimitsOf(string channel) => _routes.TryGetValue(channel, out var route) ? route.Limits : ChannelLimits.None;

    /// <summary>Channels whose provider sends delivery reports back (WhatsApp, SMS), when a provider is configured.</summary>
    public IReadOnlyList<string> ReportingDelivery => _routes.Keys.Where(c => c is "whatsapp" or "sms").ToList();

    /// <summary>Where each known channel goes, for the startup log. Hosts and ports only: never tokens or passwords.</summary>
    public IEnumerable<string> Describe() =>
        Core.Reference.Vocabulary.Channels.Select(channel => _routes.TryGetValue(channel, out var route)
            ? $"{channel} → {route.Description}, {route.Rate}"
            : $"{channel} → file outbox {_outbox.Root}");

    private void Add<TOptions, TSender>(string channel, IServiceProvider services, TimeProvider clock, Func<TOptions, string> describe)
        where TOptions : ChannelOptions
        where TSender : IChannelSender
    {
        var options = services.GetRequiredService<IOptions<TOptions>>().Value;
        if (!options.IsConfigured) return;
        IChannelSender sender = services.GetRequiredService<TSender>();
        var rate = options.EffectiveRatePerSecond;
        if (rate > 0) sender = new ThrottledSender(sender, new TokenBucket(rate, clock));
        var limits = new ChannelLimits(rate > 0 ? rate : null, options.RatePerDay);
        var described = (rate > 0 ? $"{rate:0.##}/s" : "unthrottled") + (options.RatePerDay is > 0 ? $", {options.RatePerDay}/day" : "");
        _routes[channel] = new Route(sender, describe(options), described, options.Parallelism, limits);
    }

    private sealed record Route(IChannelSender Sender, string Description, string Rate, int Parallelism, ChannelLimits Limits);
}
