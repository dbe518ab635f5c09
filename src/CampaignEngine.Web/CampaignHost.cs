using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignEngine.Web.Features;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Infrastructure.Health;
using CampaignEngine.Web.Infrastructure.Jobs;
using CampaignEngine.Web.Infrastructure.Metrics;
using CampaignEngine.Web.Infrastructure.DataProtection;
using CampaignEngine.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Mvc.Razor;

namespace CampaignEngine.Web;

/// <summary>Builds the host: one line per feature, so what the product consists of reads from top to bottom.</summary>
internal static class CampaignHost
{
    public static WebApplication Build(string[] args)
    {
        // Settings are read at start (restart to change them). Reloading them on change would watch the whole content
        // root, where the database lives by default (data/): every SQLite write would wake the watcher's thread.
        var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        // Links in messages and certificates point at PublicBaseUrl; without one, at the address the host listens on.
        if (string.IsNullOrEmpty(builder.Configuration["PublicBaseUrl"]))
            builder.Configuration["PublicBaseUrl"] = (builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:5080")
                .Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        // Before anything is written: the database, key ring, outbox and uploads are for this account's eyes only.
        OwnerOnly.RestrictNewFiles();
        DapperSetup.Configure();
        builder.Logging.AddLogPrivacy();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        // The engine is settled before anything is registered: a wrong provider or a missing connection string stops here.
        var database = new DatabaseOptions();
        DatabaseOptions.Bind(database, builder.Configuration);
        var engine = database.Engine();
        services.Configure<DatabaseOptions>(o => DatabaseOptions.Bind(o, builder.Configuration));
        services.Configure<TemplateOptions>(builder.Configuration.GetSection("Templates"));
        services.AddSingleton<Db>();
        services.AddSingleton<Migrator>();
        services.AddHostedService<WalCheckpointer>();
        services.AddSingleton<ModuleRegistry>();
        services.AddSingleton<IModuleTemplateFolders>(provider => provider.GetRequiredService<ModuleRegistry>());
        services.AddSingleton<ModuleEvents>();
        services.AddHostedService<ModuleEventRecovery>();
        services.AddSingleton<TemplateStore>();
        services.AddSingleton<MessageModelBuilder>();
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<UiText>();

        // Sign-in cookies, anti-forgery tokens and the sealed certificate signing keys must survive a restart:
        // keep the key ring in a folder (DataProtection:KeysPath, by default beside the database), encrypted when configured.
        services.AddSingleton(services.AddKeyRing(builder.Configuration, engine));
        services.AddTrustedProxies(builder.Configuration);
        services.AddPublicRateLimit(builder.Configuration);
        services.AddCampaignAuth();
        services.AddFeatures(builder.Configuration, engine);

        // Hangfire and its job store (durable on SQLite, beside the database): Infrastructure/Jobs/JobStore.cs.
        services.AddJobStore(builder.Configuration);
        services.AddProductMetrics();

        services.AddControllersWithViews(o =>
            {
                o.Conventions.Add(new HeadWhereGet());
                o.Filters.Add(new NotFoundPages());
                o.Filters.Add(new UnknownQueryParameters());
            })
            // Named, not discovered from the entry assembly: another entry point (the bench) hosts the same controllers.
            .AddApplicationPart(typeof(CampaignHost).Assembly)
            .ConfigureApplicationPartManager(parts =>
            {
                parts.FeatureProviders.Remove(parts.FeatureProviders.OfType<ControllerFeatureProvider>().First());
                parts.FeatureProviders.Add(new InternalControllers());
            })
            // Binding failures answer like every other validation error: RFC 9457, naming the field.
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = Problems.FromModelState)
            .AddJsonOptions(o =>
            {
                o.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                o.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
                // A field the request does not have is refused, not dropped: a misspelt or outdated name would
                // otherwise answer success and change nothing (Problems names the field).
                o.JsonSerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
                o.JsonSerializerOptions.Converters.Add(new NoZeroCharacterStrings());
            });
        ApiBehaviorForApiControllers.Install(services);
        // The same for any endpoint that reads JSON with the framework's plain (minimal API) options.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new NoZeroCharacterStrings());
        });
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new FeatureViewLocations()));
        // Kyrgyz and Russian text is written as is, not as &#x...; escapes: pages are a third of the size on slow phones.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddProductHealthChecks();

        var app = builder.Build();
        // Hangfire's job store first, on a thread of its own: the dashboard's mapping below needs it, and opening it is
        // mostly waiting for the database (on PostgreSQL its schema check, 80–120 ms of round trips, was the longest
        // path of the building thread). The pool's two threads are taken by the jobs after it.
        var jobStore = Task.Factory.StartNew(OpenJobStore(app), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // Beside it, four start-up jobs that need nothing of each other run side by side, the two cores each taking some: MVC's
        // model of every controller and action (reflection, the longest: 150 of the 420 ms this method took on this
        // thread, ReadyToRun), the modules' folders (manifests checked against their JSON schema, templates parsed),
        // the migrations (a migrated database only checks them) and, on this thread, the pipeline and the features'
        // endpoints. The host is returned, and so can serve, only once all five are done (bench/, cold start).
        var actions = Task.Run(() => app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors);
        var modules = Task.Run(app.Services.GetRequiredService<ModuleRegistry>);
        var migrated = Task.Run(app.Services.GetRequiredService<Migrator>().Run);

        if (app.Services.GetRequiredService<KeyRingInfo>() is { IsProtected: false } keyRing && !app.Environment.IsDevelopment())
            app.Logger.LogWarning("{KeyRingWarning}", keyRing.Warning);

        // First, so that the client's address and scheme are known to everything after (rate limits, cookies, HSTS).
        app.UseTrustedProxies();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestLogScope();
        app.UseRateLimiter();
        app.UseCookiePolicy();
        app.UseAuthentication();
        app.UseTemporaryPasswordGate();
        app.UseAuthorization();
        app.MapProductHealth();
        // The features' endpoints include Hangfire's dashboard, whose mapping needs the job store: wait for its thread
        // here rather than let this one open the store itself when that thread has not started yet (a loaded machine).
        jobStore.GetAwaiter().GetResult();
        app.MapFeatures();
        // MapControllers reads the actions MVC's model gives: wait for the pool thread building them rather than build
        // them again here. (Endpoints match by route and order, not by when they were mapped.)
        actions.GetAwaiter().GetResult();
        app.MapControllers();
        migrated.GetAwaiter().GetResult();
        modules.GetAwaiter().GetResult();
        return app;
    }

    /// <summary>The name of the thread that opens Hangfire's job store while the host is built.</summary>
    internal const string JobStoreThread = "Opening the job store";

    private static Action OpenJobStore(WebApplication app) => () =>
    {
        // The thread is this task's alone (LongRunning), so it may carry a name for traces and the test.
        Thread.CurrentThread.Name = JobStoreThread;
        app.Services.GetRequiredService<Hangfire.JobStorage>();
    };
}
