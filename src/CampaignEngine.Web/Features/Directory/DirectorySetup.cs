using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Compatriots.Search;

namespace CampaignEngine.Web.Features.Compatriots;

/// <remarks>
/// The folder is Features/Directory but the namespace is <c>Compatriots</c>: a namespace named Directory would
/// hide <see cref="System.IO.Directory"/> from every other feature's code (Directory.CreateDirectory would not compile).
/// </remarks>
public static class DirectorySetup
{
    public static IServiceCollection AddDirectory(this IServiceCollection services) => services
        .AddSingleton<CompatriotWriter>()
        .AddSingleton<CompatriotImporter>()
        .AddSingleton<CompatriotQueries>()
        .AddSingleton<OrganizationStore>()
        .AddSingleton<SearchIndex>()
        .AddSingleton<PersonSearch>()
        .AddSingleton<PersonPickers>()
        .AddHostedService<SearchIndexAtStart>()
        .AddSingleton<Pledges.Offers.IOfferPeople, OfferPeople>();
}
