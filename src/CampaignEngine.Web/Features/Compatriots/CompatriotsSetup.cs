using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Compatriots.Search;

namespace CampaignEngine.Web.Features.Compatriots;

/// <remarks>
/// The feature owns the <c>directory_*</c> tables but is not named Directory: a namespace of that name would hide
/// <see cref="System.IO.Directory"/> from every other feature's code (Directory.CreateDirectory would not compile).
/// </remarks>
internal static class CompatriotsSetup
{
    public static IServiceCollection AddCompatriots(this IServiceCollection services) => services
        .AddSingleton<CompatriotWriter>()
        .AddSingleton<CompatriotImporter>()
        .AddSingleton<ImportProgress>()
        .AddSingleton<BackgroundImports>()
        .AddHostedService<BackgroundImportRecovery>()
        .AddSingleton<CompatriotQueries>()
        .AddSingleton<ListColumns>()
        .AddSingleton<OrganizationStore>()
        .AddSingleton<CompatriotConsent>()
        .AddSingleton<Self.PersonalLinks>()
        .AddSingleton<Self.SelfPreferences>()
        .AddSingleton<Self.ProposedChanges>()
        .AddSingleton<SearchIndex>()
        .AddSingleton<PersonSearch>()
        .AddSingleton<PersonPickers>()
        .AddHostedService<SearchIndexAtStart>()
        .AddSingleton<Pledges.Offers.IOfferPeople, OfferPeople>();
}
