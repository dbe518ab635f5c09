using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Features.Compatriots;

namespace CampaignEngine.Web.Features;

/// <summary>One line per feature folder: the services it needs and the endpoints it maps beyond its controllers.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDirectory();
        services.AddDemo(configuration);
        return services;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        return app;
    }
}
