namespace CampaignEngine.Web.Features.Projects;

internal static class ProjectsSetup
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<ProjectValidation>();
        services.AddSingleton<ProjectFiles>();
        services.AddSingleton<ProjectEditor>();
        services.AddSingleton<Campaigns.IProjectModules, ProjectModules>();
        services.AddSingleton<Pledges.Mine.IProjectNews, DonorNews>();
        return services;
    }
}
