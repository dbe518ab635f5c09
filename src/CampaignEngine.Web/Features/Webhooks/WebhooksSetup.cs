namespace CampaignEngine.Web.Features.Webhooks;

public static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services) => services.AddSingleton<ProviderEvents>();
}
