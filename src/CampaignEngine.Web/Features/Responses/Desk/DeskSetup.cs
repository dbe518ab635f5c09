namespace CampaignEngine.Web.Features.Responses.Desk;

internal static class DeskSetup
{
    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.AddSingleton<WorkingDays>();
        services.AddSingleton<DeskSla>();
        services.AddSingleton<DeskIntake>();
        services.AddSingleton<DeskThreads>();
        services.AddSingleton<DeskQueries>();
        services.AddSingleton<DeskBulk>();
        services.AddTransient<AnswerDelivery>();
        return services;
    }
}
