using CampaignEngine.Web.Infrastructure.Metrics;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>How old a signed callback may be, and how long the ids of callbacks without a signed time are kept.</summary>
internal sealed class WebhookOptions
{
    /// <summary>A callback whose signed timestamp is older than this (or this far in the future) is refused as a replay.</summary>
    public int MaxAgeMinutes { get; set; } = 24 * 60;

    /// <summary>How long the id of an event without a signed timestamp (Telegram's update_id) is remembered.</summary>
    public int RememberDays { get; set; } = 30;
}

internal static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddMetricSource<WebhookMetrics>();
        return services.AddSingleton<ProviderEvents>();
    }
}
