namespace CampaignEngine.Web.Features.Campaigns;

public static class CampaignsSetup
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<Audience>();
        services.AddSingleton<Ledger>();
        services.AddSingleton<MessageQueries>();
        services.AddTransient<CampaignService>();
        return services;
    }
}
