using CampaignEngine.Web.Infrastructure.Metrics;

namespace CampaignEngine.Web.Features.Pledges;

internal static class PledgesSetup
{
    public static IServiceCollection AddPledges(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PledgeOptions>(configuration.GetSection("Pledges"));
        services.AddSingleton<Rates>();
        services.AddSingleton<PledgeInserts>();
        services.AddMetricSource<PledgeMetrics>();
        services.AddSingleton<PledgeRecorder>();
        services.AddSingleton<PledgeFormReader>();
        services.AddSingleton<PledgeStore>();
        services.AddSingleton<Fulfilments>();
        services.AddSingleton<Offers.OfferStore>();
        services.AddSingleton<Offers.OfferFormReader>();
        services.AddSingleton<Offers.OfferLimit>();
        services.AddSingleton<Certificates.Bulk.IContributionTotals, ContributionTotals>();
        services.AddSingleton<Certificates.Receipts.IApprovedFulfilments, ApprovedFulfilments>();
        // The person's own page: their contributions and the projects they support, and steering their monthly pledges.
        services.AddSingleton<Mine.Standing>();
        services.AddSingleton<Mine.MyContributions>();
        services.AddSingleton<MyPage.IMyPageSections, Mine.ContributionSections>();
        services.AddTransient<PledgeReminders>();
        services.AddHostedService<PledgeReminderSchedule>();
        return services;
    }
}
