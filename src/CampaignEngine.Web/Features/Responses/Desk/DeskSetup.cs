using CampaignEngine.Web.Features.Responses.Desk.Email;
using CampaignEngine.Web.Infrastructure.Metrics;

namespace CampaignEngine.Web.Features.Responses.Desk;

internal static class DeskSetup
{
    public static IServiceCollection AddDesk(this IServiceCollection services)
    {
        services.AddSingleton<WorkingDays>();
        services.AddSingleton<DeskSla>();
        services.AddSingleton<DeskIntake>();
        services.AddSingleton<DeskThreads>();
        services.AddSingleton<DeskStats>();
        services.AddSingleton<DeskQueries>();
        services.AddMetricSource<DeskMetrics>();
        services.AddSingleton<DeskBulk>();
        services.AddTransient<AnswerDelivery>();
        services.AddOptions<MailboxOptions>().BindConfiguration("Desk:Mailbox");
        services.AddSingleton<EmailReplies>();
        services.AddTransient<MailboxPoller>();
        services.AddHostedService<MailboxSchedule>();
        services.AddSingleton<AnswerText>();
        services.AddSingleton<SavedReplies>();
        services.AddSingleton<AnswerPreview>();
        services.AddSingleton<DeskAnswers>();
        services.AddSingleton<Sending.IDeskAnswers>(s => s.GetRequiredService<DeskAnswers>());
        services.AddHostedService<AnswerRecovery>();
        return services;
    }
}
