using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Features.Operations;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Privacy;
using CampaignEngine.Web.Features.Projects;
using CampaignEngine.Web.Features.Reports;
using CampaignEngine.Web.Features.Responses;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Features.Webhooks;

namespace CampaignEngine.Web.Features;

/// <summary>One line per feature folder: the services it needs and the endpoints it maps beyond its controllers.</summary>
internal static class FeatureRegistration
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration, Infrastructure.Database.DatabaseEngine engine)
    {
        services.AddCompatriots();
        services.AddDemo(configuration);
        services.AddCampaigns();
        services.AddSending(configuration, engine);
        services.AddPledges(configuration);
        services.AddProjects();
        services.AddResponses();
        services.AddMyPage();
        services.AddReports();
        services.AddCertificates();
        services.AddWebhooks(configuration);
        services.AddPersonalData();
        services.AddOperations(configuration);
        services.AddSingleton<Audit.AuditLog>();
        services.AddSingleton<Users.UserAdministration>();
        services.AddSingleton<Modules.TemplateOverrideStore>();
        services.AddSingleton<Infrastructure.Templates.ITemplateOverrides>(sp => sp.GetRequiredService<Modules.TemplateOverrideStore>());
        services.AddSingleton<Modules.TemplateEditor>();
        services.AddSingleton<Modules.TemplateSaveLimit>();
        services.AddSingleton<Modules.ModuleSettingsStore>();
        services.AddSingleton<ModuleHost.Settings.IModuleSettings>(sp => sp.GetRequiredService<Modules.ModuleSettingsStore>());
        services.AddSingleton<Modules.ModuleSettingsEditor>();
        return services;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapPledgeJson();
        app.MapMyPage();
        app.MapOperations();
        return app;
    }
}
