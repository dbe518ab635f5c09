using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.Web.Tests.ModuleHost;

/// <summary>Hosts whose module events also reach code modules a test defines, beside the catalogue's enabled ones.</summary>
internal static class TestModuleHosts
{
    public static TestHost With(string engine, params LoadedModule[] testModules) => new(engine)
    {
        Customize = builder => builder.ConfigureTestServices(services => services.AddSingleton(provider => new ModuleEvents(
            [.. provider.GetRequiredService<ModuleRegistry>().Enabled, .. testModules],
            provider.GetRequiredService<Db>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IBackgroundJobClient>(), provider.GetRequiredService<ILogger<ModuleEvents>>()))),
    };

    /// <summary>A code module <paramref name="id"/> of Issyk-Kul natives in the Emirates, with <paramref name="behaviour"/>.</summary>
    public static LoadedModule Loaded(string id, ICampaignModule behaviour) => new(
        new ModuleManifest(id, new("Сынак", "Тест", "Test"), ["KG-Y"], ["AE"], ["ky", "ru", "en"],
            new Issuer(new("Сынак", "Тест", "Test"), new("Сынак", "Тест", "Test"), "T. T.", "TT"), [], []),
        new ModuleSource(id, Path.GetTempPath(), ModuleKind.Code, []), behaviour);
}
