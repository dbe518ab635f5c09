using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Jobs;
using Hangfire;
using Microsoft.OpenApi;

namespace CampaignEngine.Web.Features.Operations;

/// <summary>
/// The operator's tools: the OpenAPI document of <c>/api</c> and its reference page, Hangfire's dashboard at
/// <c>/jobs</c> (admins), and <c>/metrics</c> (a bearer token or an admin). Health is machinery that knows no feature
/// (Infrastructure/Health), and so is the backup command (Infrastructure/Database/BackupCommand.cs).
/// </summary>
internal static class OperationsSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection("Metrics"));
        services.AddSingleton<ApiReference>();
        services.AddOpenApi(DocumentName, o =>
        {
            // The document describes the JSON API only; pages, the public link pages and the callbacks are not for programs.
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CampaignEngine API",
                    Version = DocumentName,
                    Description = "Authenticate with `Authorization: Bearer <api key>`. Errors are RFC 9457 problem details naming the field; " +
                                  "a JSON body may carry only the fields of its call.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An API key made on the Users page or with POST /api/users/{id}/api-keys.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // Staff read the document (any role): it says what the API can do, not what any of it holds.
        // HEAD as well as GET, like every page (Infrastructure/Web/HeadWhereGet): the last method metadata is the one routing reads.
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Roles.Staff)
            .WithMetadata(new Microsoft.AspNetCore.Routing.HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminsOnlyDashboard(app.Services.GetRequiredService<Audit.AuditLog>(),
                app.Services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>())],
            AppPath = "/",
            DashboardTitle = "CampaignEngine jobs",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Roles.AdminOnly);
        app.MapMetrics();
        return app;
    }
}
