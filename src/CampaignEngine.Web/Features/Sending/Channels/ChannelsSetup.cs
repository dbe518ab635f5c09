namespace CampaignEngine.Web.Features.Sending.Channels;

internal static class ChannelsSetup
{
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection("Channels:Email"));
        services.Configure<TelegramOptions>(configuration.GetSection("Channels:Telegram"));
        services.Configure<WhatsAppOptions>(configuration.GetSection("Channels:WhatsApp"));
        services.Configure<SmsOptions>(configuration.GetSection("Channels:Sms"));
        // The resilience pipeline owns timeouts; HttpClient's own 100 s limit would only hide them.
        foreach (var name in new[] { TelegramSender.HttpClientName, WhatsAppSender.HttpClientName, SmsGatewaySender.HttpClientName })
            services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<TelegramSender>();
        services.AddSingleton<WhatsAppSender>();
        services.AddSingleton<SmsGatewaySender>();
        services.AddHostedService<ChannelRoutesLog>();
        return services;
    }
}

/// <summary>Says once at startup where each channel's messages go, so an operator never wonders whether a send was real.</summary>
internal sealed class ChannelRoutesLog(ChannelRouter router, ILogger<ChannelRoutesLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var line in router.Describe()) logger.LogInformation("Channel {Route}", line);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
