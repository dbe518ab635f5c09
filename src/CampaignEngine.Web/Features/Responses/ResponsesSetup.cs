using CampaignEngine.Web.Features.Pledges;

namespace CampaignEngine.Web.Features.Responses;

public static class ResponsesSetup
{
    public static IServiceCollection AddResponses(this IServiceCollection services)
    {
        services.AddSingleton<TrackedMessages>();
        services.AddSingleton<Consent>();
        services.AddSingleton<Rates>();
        services.AddSingleton<PledgeRecorder>();
        return services;
    }
}
