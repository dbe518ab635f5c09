namespace CampaignEngine.Web.Features.Responses;

internal static class ResponsesSetup
{
    public static IServiceCollection AddResponses(this IServiceCollection services)
    {
        services.AddSingleton<TrackedMessages>();
        services.AddSingleton<Consent>();
        return services;
    }
}
