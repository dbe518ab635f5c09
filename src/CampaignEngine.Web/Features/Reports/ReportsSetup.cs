namespace CampaignEngine.Web.Features.Reports;

internal static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<PledgeReport>();
        services.AddSingleton<PledgeColumns>();
        services.AddSingleton<CrossTab>();
        return services;
    }
}
