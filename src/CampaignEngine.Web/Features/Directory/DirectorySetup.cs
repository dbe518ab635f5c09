using CampaignEngine.Web.Features.Directory.Import;

namespace CampaignEngine.Web.Features.Directory;

public static class DirectorySetup
{
    public static IServiceCollection AddDirectory(this IServiceCollection services) => services
        .AddSingleton<CompatriotWriter>()
        .AddSingleton<CompatriotImporter>()
        .AddSingleton<CompatriotQueries>()
        .AddSingleton<OrganizationStore>();
}
