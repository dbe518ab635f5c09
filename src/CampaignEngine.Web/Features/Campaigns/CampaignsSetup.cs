namespace CampaignEngine.Web.Features.Campaigns;

internal static class CampaignsSetup
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<Audience>();
        services.AddSingleton<CampaignMessages>();
        services.AddSingleton<MessageQueries>();
        services.AddTransient<CampaignService>();
        services.AddSingleton<Sending.ICampaignProgress, CampaignProgress>();
        services.AddSingleton<CampaignProjects>();
        services.AddSingleton<Responses.ICampaignProjects>(provider => provider.GetRequiredService<CampaignProjects>());
        services.AddSingleton<Projects.IProjectCampaigns>(provider => provider.GetRequiredService<CampaignProjects>());
        services.AddSingleton<Sending.ICampaignCauses>(provider => provider.GetRequiredService<CampaignProjects>());
        return services;
    }
}
