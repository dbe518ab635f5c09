using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.Web.Tests.ModuleHost;

public sealed class ModuleInstallTestsOnSqlite() : ModuleInstallTests(TestHost.Sqlite);

public sealed class ModuleInstallTestsOnPostgreSql() : ModuleInstallTests(TestHost.PostgreSql);

/// <summary>
/// What IT staff do with an installed host: drop a data module folder into its modules directory and restart, and the
/// module runs (a campaign sent from its own templates, a certificate under its own issuer); drop a broken one beside
/// the good ones, and the host still starts, says which file, line and reason, and the good modules work.
/// </summary>
public abstract class ModuleInstallTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ce-install").FullName;
    private readonly string _engine;
    private readonly ProcessDatabase _database;

    private string ModulesPath => Path.Combine(_root, "modules");

    protected ModuleInstallTests(string engine)
    {
        _engine = engine;
        _database = new ProcessDatabase(engine);
        ModuleFolders.Copy(ModuleFolders.Shipped, ModulesPath);
    }

    [SkippableFact]
    public async Task A_data_module_copied_into_an_installed_host_runs_after_a_restart()
    {
        var data = Path.Combine(_root, "data");
        var settings = _database.With(new Dictionary<string, string> { ["Modules:Path"] = ModulesPath });
        using (var before = await HostProcess.StartAsync(data, settings))
            Assert.DoesNotContain(await ModulesOf(before), m => (string?)m!["id"] == "test-chui");

        // The operator replaces Chui's module: a region has one (a second for KG-C would be refused).
        Directory.Delete(Path.Combine(ModulesPath, "Chui"), recursive: true);
        ModuleFolders.Copy(ModuleFolders.TestChui, Path.Combine(ModulesPath, "TestChui"));
        using var host = await HostProcess.StartAsync(data, settings);
        var client = Client(host);

        var module = Assert.Single(await ModulesOf(host), m => (string?)m!["id"] == "test-chui");
        Assert.Equal(("data", "loaded", "TestChui", "0.1.0"), ((string?)module!["kind"], (string?)module["state"], (string?)module["folder"], (string?)module["version"]));
        long person;
        using (var connection = _database.Open(host))
            person = TestCompatriots.Insert(connection, new("Айпери Токтогулова", "female", "KG-C", "TR", "ky", Phone: "+905321234567"));

        var campaign = (long)(await client.PostJson("/api/campaigns", new { moduleId = "test-chui", name = "Chui test", template = "appeal", window = new { from = "00:00", to = "24:00" } }, HttpStatusCode.Created))["id"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/campaigns/{campaign}/launch", new { })).StatusCode);
        await Eventually.True(async () => (long)(await client.GetJson($"/api/campaigns/{campaign}"))["counts"]!["sent"]! == 1);
        var sent = Assert.Single(OutboxMessages.Read(host.OutboxPath));
        Assert.Contains("Чүй сынак модулунан кат.", sent.Block, StringComparison.Ordinal);

        var certificate = await client.PostJson("/api/certificates",
            new { compatriotId = person, moduleId = "test-chui", kind = "gratitude", language = "ky", reason = "Чүйгө жардам үчүн" }, HttpStatusCode.Created);
        var serial = (string)certificate["serial"]!;
        Assert.StartsWith("TCH-", serial, StringComparison.Ordinal);
        var verified = await new HttpClient().GetStringAsync($"{host.BaseUrl}/verify/{serial}");
        Assert.Contains("Чүй облусунун администрациясы (сынак)", verified, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_broken_module_beside_good_ones_is_reported_and_the_host_and_the_good_modules_run()
    {
        ModuleFolders.Copy(ModuleFolders.TestChui, Path.Combine(ModulesPath, "Broken"));
        var manifest = File.ReadAllText(Path.Combine(ModuleFolders.TestChui, "module.json")).Replace("\"KG-C\"", "\"KG-Z\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(ModulesPath, "Broken", "module.json"), manifest);
        var line = manifest[..manifest.IndexOf("\"KG-Z\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var logs = new CapturingLoggerProvider();
        using var host = new TestHost(_engine) { Customize = builder => builder.ConfigureLogging(l => l.AddProvider(logs)) };
        host.Settings["Modules:Path"] = ModulesPath;
        var client = host.AdminClient();

        var modules = (await client.GetJson("/api/modules")).AsArray();
        var broken = Assert.Single(modules, m => (string?)m!["folder"] == "Broken")!;
        Assert.Equal(("failed", "data"), ((string?)broken["state"], (string?)broken["kind"]));
        Assert.Null(broken["id"]);
        Assert.Equal("Broken/module.json", (string?)broken["error"]!["file"]);
        Assert.Equal(line, (int)broken["error"]!["line"]!);
        Assert.StartsWith("regions: unknown region code 'KG-Z'", (string?)broken["error"]!["reason"], StringComparison.Ordinal);
        Assert.Equal(10, modules.Count(m => (string?)m!["state"] == "loaded"));
        // Naryn's nomination rule is declarative now: a data module, its threshold one of its settings.
        var naryn = modules.Single(m => (string?)m!["id"] == "naryn")!;
        Assert.Equal("data", (string?)naryn["kind"]);
        Assert.Equal(5000m, (decimal)naryn["settings"]!["honoraryCitizenThresholdUsd"]!);
        var warning = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text.Contains("Broken", StringComparison.Ordinal));
        Assert.Contains($"Broken/module.json, line {line}: regions: unknown region code 'KG-Z'", warning.Text, StringComparison.Ordinal);

        var page = await (await CampaignEngine.Web.Tests.Security.Users.SignInAsync(host, "modules-admin", "admin")).GetStringAsync("/modules");
        Assert.Contains("Broken/module.json", page, StringComparison.Ordinal);
        Assert.Contains("unknown region code", page, StringComparison.Ordinal);

        var campaign = (long)(await client.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Still works", template = "appeal" }, HttpStatusCode.Created))["id"]!;
        var preview = await client.GetJson($"/api/campaigns/{campaign}/preview?lang=ky");
        Assert.Contains("Ысык-Көл", (string)preview["subject"]!, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _database.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    private static HttpClient Client(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostProcess.AdminApiKey);
        return client;
    }

    private static async Task<JsonArray> ModulesOf(HostProcess host) => (await Client(host).GetJson("/api/modules")).AsArray();
}
