using CampaignEngine.Web.Features.Responses.Desk.Email;

namespace CampaignEngine.Web.Features.Responses.Desk;

internal static class DeskSetup
{
    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.AddSingleton<WorkingDays>();
        services.AddSingleton<DeskSla>();
        services.AddSingleton<DeskIntake>();
        services.AddSingleton<DeskThreads>();
        services.AddTransient<AnswerDelivery>();
        services.AddOptions<MailboxOptions>().BindConfiguration("Desk:Mailbox");
        services.AddSingleton<EmailReplies>();
        services.AddTransient<MailboxPoller>();
        services.AddHostedService<MailboxSchedule>();
        return services;
    }
}
