namespace CampaignEngine.Web.Features.Demo;

internal static class DemoSetup
{
    /// <summary>Registered after auth, so the admin exists before the demo users are added.</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection("Demo"));
        services.AddSingleton<DemoContributions>();
        services.AddSingleton<DemoDesk>();
        return services.AddHostedService<DemoSeeder>();
    }
}
