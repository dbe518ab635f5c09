using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Certificates;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Modules;

public sealed class ModuleSettingsApiTestsOnSqlite() : ModuleSettingsApiTests(TestHost.Sqlite);

public sealed class ModuleSettingsApiTestsOnPostgreSql() : ModuleSettingsApiTests(TestHost.PostgreSql);

/// <summary>
/// A module's settings through <c>GET/PUT /api/modules/{id}/settings</c>: the manifest's defaults until someone saves,
/// every save a new version (who, when, what changed, why), a stale save refused with what changed, bad values and
/// unknown keys refused by name, a restore as one more version, and each module edited only by who acts for it.
/// </summary>
public abstract class ModuleSettingsApiTests(string engine) : IDisposable
{
    private const string Url = "/api/modules/issyk-kul/settings";
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Settings_start_at_the_manifest_defaults_and_each_save_is_a_new_version_with_who_what_and_why()
    {
        var admin = _host.AdminClient();
        var before = await admin.GetJson(Url);
        Assert.Equal(0, (int)before["version"]!);
        var threshold = Setting(before, "gratitudeThresholdUsd");
        Assert.Equal((500m, true, "decimal", 1m), ((decimal)threshold["value"]!, (bool)threshold["isDefault"]!, (string?)threshold["type"], (decimal)threshold["min"]!));
        Assert.Equal("Б. К. Асанов", (string?)Setting(before, "signatoryName")["value"]);

        var saved = await Put(admin, new { basedOn = 0, values = new { gratitudeThresholdUsd = 750, slaWorkingDays = 5 }, comment = "Decision of 2 December" }, HttpStatusCode.OK);

        Assert.Equal(1, (int)saved["version"]!);
        Assert.Equal((750m, false), ((decimal)Setting(saved, "gratitudeThresholdUsd")["value"]!, (bool)Setting(saved, "gratitudeThresholdUsd")["isDefault"]!));
        var version = Assert.Single(saved["history"]!.AsArray())!;
        Assert.Equal("Decision of 2 December", (string?)version["comment"]);
        Assert.False(string.IsNullOrEmpty((string?)version["savedBy"]));
        var changes = version["changes"]!.AsArray().ToDictionary(c => (string)c!["key"]!, c => ((decimal)c!["from"]!, (decimal)c["to"]!));
        Assert.Equal(new Dictionary<string, (decimal, decimal)> { ["gratitudeThresholdUsd"] = (500m, 750m), ["slaWorkingDays"] = (10m, 5m) }, changes);
        // The modules list shows the values in force, and the change is audited with what changed.
        var listed = (await admin.GetJson("/api/modules")).AsArray().Single(m => (string?)m!["id"] == "issyk-kul")!;
        Assert.Equal(750m, (decimal)listed["settings"]!["gratitudeThresholdUsd"]!);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'module.settings.save' AND subject = 'module/issyk-kul/settings' AND detail LIKE '%gratitudeThresholdUsd%'"));
    }

    [SkippableFact]
    public async Task A_save_based_on_a_version_that_is_no_longer_the_latest_gets_409_with_what_changed_and_saves_nothing()
    {
        var admin = _host.AdminClient();
        await Put(admin, new { basedOn = 0, values = new { gratitudeThresholdUsd = 800 } }, HttpStatusCode.OK);

        var stale = await Put(admin, new { basedOn = 0, values = new { slaWorkingDays = 3 } }, HttpStatusCode.Conflict);

        Assert.Equal(1, (int)stale["latestVersion"]!);
        var missed = Assert.Single(stale["changes"]!.AsArray())!;
        Assert.Equal(("gratitudeThresholdUsd", 800m), ((string?)missed["changes"]![0]!["key"], (decimal)missed["changes"]![0]!["to"]!));
        var now = await _host.AdminClient().GetJson(Url);
        Assert.Equal((1, 10m), ((int)now["version"]!, (decimal)Setting(now, "slaWorkingDays")["value"]!));
    }

    [SkippableTheory]
    [InlineData("""{ "basedOn": 0, "values": { "gratitudeTreshold": 600 } }""", "values.gratitudeTreshold", "the module has no setting 'gratitudeTreshold'")]
    [InlineData("""{ "basedOn": 0, "values": { "gratitudeThresholdUsd": 0 } }""", "values.gratitudeThresholdUsd", "must be at least 1")]
    [InlineData("""{ "basedOn": 0, "values": { "gratitudeThresholdUsd": "600" } }""", "values.gratitudeThresholdUsd", "must be a number")]
    [InlineData("""{ "basedOn": 0, "values": { "slaWorkingDays": 2.5 } }""", "values.slaWorkingDays", "must be a whole number")]
    [InlineData("""{ "basedOn": 0, "values": { "slaWorkingDays": 61 } }""", "values.slaWorkingDays", "must be at most 60")]
    [InlineData("""{ "basedOn": 0, "values": { "senderName": { "ky": "Ысык-Көл" } } }""", "values.senderName", "must be an object with a text in each of ky, ru and en")]
    [InlineData("""{ "basedOn": 0, "values": { "signatoryName": "А. Б.\r\nBcc: x@example.com" } }""", "values.signatoryName", "must be one line")]
    [InlineData("""{ "values": { "slaWorkingDays": 5 } }""", "basedOn", "is required")]
    [InlineData("""{ "basedOn": 0, "values": { "slaWorkingDays": 5 }, "author": "x" }""", "author", "")]
    public async Task A_bad_value_or_an_unknown_key_is_refused_naming_the_setting_and_why(string body, string field, string reason)
    {
        var response = await _host.AdminClient().PutAsync(Url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadNode();
        var errors = problem["errors"]!.AsObject();
        var messages = errors.Where(e => e.Key.Contains(field, StringComparison.Ordinal)).SelectMany(e => e.Value!.AsArray()).Select(m => (string)m!).ToList();
        Assert.True(messages.Count > 0, problem.ToJsonString());
        Assert.Contains(messages, m => m.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM module_setting_version"));
    }

    [SkippableFact]
    public async Task A_previous_version_is_restored_as_a_new_version()
    {
        var admin = _host.AdminClient();
        await Put(admin, new { basedOn = 0, values = new { gratitudeThresholdUsd = 700 } }, HttpStatusCode.OK);
        await Put(admin, new { basedOn = 1, values = new { gratitudeThresholdUsd = 900, signatoryName = "Т. Т. Токтосунов" } }, HttpStatusCode.OK);

        var restored = await admin.PostJson($"{Url}/restore", new { version = 1, basedOn = 2, comment = "back to the first decision" }, HttpStatusCode.OK);

        Assert.Equal(3, (int)restored["version"]!);
        Assert.Equal(700m, (decimal)Setting(restored, "gratitudeThresholdUsd")["value"]!);
        Assert.Equal(("Б. К. Асанов", true), ((string?)Setting(restored, "signatoryName")["value"], (bool)Setting(restored, "signatoryName")["isDefault"]!));
        var latest = restored["history"]![0]!;
        Assert.Equal((1, "back to the first decision"), ((int)latest["restoredFrom"]!, (string?)latest["comment"]));
        Assert.Equal(3, restored["history"]!.AsArray().Count);
        var defaults = await admin.PostJson($"{Url}/restore", new { version = 0, basedOn = 3 }, HttpStatusCode.OK);
        Assert.All(defaults["settings"]!.AsArray(), s => Assert.True((bool)s!["isDefault"]!));
    }

    [SkippableFact]
    public async Task An_oblast_administration_edits_its_own_module_only_and_a_leader_none()
    {
        var issykKul = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-settings", "oblast", "KG-Y"));
        var leader = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "leader-settings", "leader", null));

        await Put(issykKul, new { basedOn = 0, values = new { slaWorkingDays = 7 } }, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, (await issykKul.PutAsJsonAsync("/api/modules/naryn/settings", new { basedOn = 0, values = new { slaWorkingDays = 7 } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await issykKul.GetAsync("/api/modules/national/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync(Url)).StatusCode);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM module_setting_version"));
    }

    [SkippableFact]
    public async Task The_desk_deadline_and_the_certificate_signatory_follow_the_settings_in_force()
    {
        var sla = _host.Services.GetRequiredService<DeskSla>();
        var issuers = _host.Services.GetRequiredService<IssuerProfileStore>();
        var module = _host.Services.GetRequiredService<ModuleRegistry>().Find("issyk-kul")!;
        Assert.Equal((10, "Б. К. Асанов"), (sla.WorkingDaysFor("issyk-kul"), issuers.Current(module).Issuer.SignatoryName));

        await Put(_host.AdminClient(), new { basedOn = 0, values = new { slaWorkingDays = 3, signatoryName = "Ж. Т. Бейшеналиев" } }, HttpStatusCode.OK);

        Assert.Equal((3, "Ж. Т. Бейшеналиев"), (sla.WorkingDaysFor("issyk-kul"), issuers.Current(module).Issuer.SignatoryName));
        Assert.Equal(10, sla.WorkingDaysFor("naryn"));
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }

    private static JsonNode Setting(JsonNode settings, string key) => settings["settings"]!.AsArray().Single(s => (string?)s!["key"] == key)!;

    private static async Task<JsonNode> Put(HttpClient client, object body, HttpStatusCode expected)
    {
        var response = await client.PutAsJsonAsync(Url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"PUT {Url}: expected {expected}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
