using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Responses;
using CampaignEngine.Web.Features.Sending;

namespace CampaignEngine.Web.Features.Privacy;

internal static class PrivacySetup
{
    /// <summary>
    /// The orchestrator and one contributor per feature that owns tables referring to a person, in export order (the
    /// person first). A new feature with such a table adds its contributor here; a test fails until it does.
    /// </summary>
    public static IServiceCollection AddPersonalData(this IServiceCollection services) => services
        .AddSingleton<PersonalData>()
        .AddSingleton<IPersonalDataContributor, CompatriotsPersonalData>()
        .AddSingleton<IPersonalDataContributor, SendingPersonalData>()
        .AddSingleton<IPersonalDataContributor, ResponsesPersonalData>()
        .AddSingleton<IPersonalDataContributor, PledgesPersonalData>()
        .AddSingleton<IPersonalDataContributor, CertificatesPersonalData>()
        .AddSingleton<IPersonalDataContributor, Requests.ErasureRequestsPersonalData>()
        .AddErasureRequests();

    /// <summary>
    /// Erasure on the person's own request: the requests, staff's decisions and the job that runs a confirmed one, the
    /// dispatcher's port that holds back what would still go to them, and the "my data" section of their page.
    /// </summary>
    private static IServiceCollection AddErasureRequests(this IServiceCollection services) => services
        .AddSingleton<Requests.ErasureRequests>()
        .AddSingleton<Requests.ErasureDecisions>()
        .AddTransient<Requests.ErasureJob>()
        .AddHostedService<Requests.ErasureRecovery>()
        .AddSingleton<IErasureHolds, Requests.ErasureHolds>()
        .AddSingleton<Self.MyDataLimit>()
        .AddSingleton<MyPage.IMyPageSections, Self.MyDataSection>();
}
