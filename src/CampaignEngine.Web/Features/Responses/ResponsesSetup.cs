using CampaignEngine.Web.Features.Responses.Desk;

namespace CampaignEngine.Web.Features.Responses;

internal static class ResponsesSetup
{
    public static IServiceCollection AddResponses(this IServiceCollection services)
    {
        services.AddSingleton<TrackedMessages>();
        services.AddSingleton<Consent>();
        services.AddSingleton<Questions.AskLimit>();
        services.AddSingleton<Questions.PersonQuestions>();
        services.AddSingleton<MyPage.IMyPageSections, Questions.MyQuestionsSection>();
        services.AddDesk();
        return services;
    }
}
