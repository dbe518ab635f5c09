using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.ModuleHost;

public sealed class RegionModulesTestsOnSqlite() : RegionModulesTests(TestHost.Sqlite);

public sealed class RegionModulesTestsOnPostgreSql() : RegionModulesTests(TestHost.PostgreSql);

/// <summary>
/// Every home region has its module: Osh and Chui oblasts and Osh city name no country and address their natives
/// wherever they live; Bishkek's natives are addressed in Switzerland, Austria and Belgium; the modules that were there
/// before reach exactly whom they reached.
/// </summary>
public abstract class RegionModulesTests(string engine)
{
    private static readonly string[] FormerModules = ["issyk-kul", "naryn", "talas", "batken", "jalal-abad", "national"];

    [SkippableFact]
    public async Task A_module_that_names_no_country_reaches_its_natives_in_every_country_and_the_officer_may_narrow_it()
    {
        using var host = new TestHost(engine);
        foreach (var country in new[] { "RU", "TR", "CH", "US" })
            TestCompatriots.Insert(host, new($"Ош {country}", "female", "KG-O", country));
        TestCompatriots.Insert(host, new("Ысык-Көл", "male", "KG-Y", "TR"));
        TestCompatriots.Insert(host, new("Ош шаары", "male", "KG-GO", "TR"));
        var client = host.AdminClient();

        var everywhere = await Campaign(client, "osh", segment: null);
        var turkey = await Campaign(client, "osh", segment: new { countries = new[] { "TR" } });

        var audience = await client.GetJson($"/api/campaigns/{everywhere}/audience");
        Assert.Equal(4, (long)audience["total"]!);
        Assert.Equal(["CH", "RU", "TR", "US"], audience["cells"]!.AsArray().Select(c => (string)c!["country"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(1, (long)(await client.GetJson($"/api/campaigns/{turkey}/audience"))["total"]!);
        // The preview's sample reader of a module without countries lives somewhere too.
        Assert.Contains("Ош облусу", (string)(await client.GetJson($"/api/campaigns/{everywhere}/preview?lang=ky"))["subject"]!, StringComparison.Ordinal);
        var form = await (await Security.Users.SignInAsync(host, "everywhere-admin", "admin")).GetStringAsync("/campaigns/new?module=osh&lang=en");
        Assert.Contains("every country", form, StringComparison.Ordinal);
        Assert.All(Core.Reference.Countries.All, c => Assert.Contains($"name=\"Countries\" value=\"{c.Iso2}\"", form, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void The_audience_of_a_module_without_countries_has_no_country_condition_and_a_module_with_some_keeps_it()
    {
        var osh = AudienceSql.Build(ShippedModules.Manifest("osh-city"), Segment.Everyone, 2026, null);
        var bishkek = AudienceSql.Build(ShippedModules.Manifest("bishkek"), Segment.Everyone, 2026, null);

        Assert.DoesNotContain("country", osh.Where, StringComparison.Ordinal);
        Assert.Contains("c.country IN @countries", bishkek.Where, StringComparison.Ordinal);
        Assert.Equal(["CH", "AT", "BE"], bishkek.Parameters.Get<IReadOnlyList<string>>("countries"));
    }

    [SkippableFact]
    public async Task The_modules_that_were_there_before_reach_exactly_the_same_people_beside_the_new_ones()
    {
        using var before = new TestHost(demo: true, demoCompatriots: 1500, engine: engine);
        for (var i = 0; i < FormerModules.Length; i++) before.Settings[$"Modules:Enabled:{i}"] = FormerModules[i];
        using var now = new TestHost(demo: true, demoCompatriots: 1500, engine: engine);

        Assert.Equal(6, (await before.AdminClient().GetJson("/api/modules")).AsArray().Count(m => (string?)m!["state"] == "loaded"));
        foreach (var module in FormerModules)
        {
            var expected = await AudienceOf(before, module);
            var actual = await AudienceOf(now, module);
            Assert.True((long)expected["total"]! > 0, module);
            Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
        }
    }

    [SkippableFact]
    public async Task A_leader_s_nomination_goes_to_the_home_region_s_own_module_and_national_keeps_only_the_unplaced()
    {
        using var host = new TestHost(engine);
        var organization = Projects.ProjectTestKit.Organization(host, "Bishkekians in Zurich");
        var leader = host.ClientWithKey(Projects.ProjectTestKit.CreateUser(host, "leader-zurich", "leader", organizationId: organization));
        var bishkek = TestCompatriots.Insert(host, new("Айбек Осмонов", "male", "KG-GB", "CH", OrganizationId: organization));
        var unplaced = TestCompatriots.Insert(host, new("Белгисиз Жер", "female", "KG-Z", "CH", OrganizationId: organization));

        var nomination = await leader.PostJson("/api/certificates/nominations",
            new { compatriotId = bishkek, kind = "gratitude", reason = "Жердештердин кечесин уюштурганы үчүн" }, HttpStatusCode.Created);
        var fallback = await leader.PostJson("/api/certificates/nominations",
            new { compatriotId = unplaced, kind = "gratitude", reason = "Жердештердин кечесин уюштурганы үчүн" }, HttpStatusCode.Created);

        Assert.Equal(("bishkek", "national"), ((string?)nomination["moduleId"], (string?)fallback["moduleId"]));
        // Bishkek's administration now decides on its natives' nominations, which national staff alone could before.
        var mayor = host.ClientWithKey(Projects.ProjectTestKit.CreateUser(host, "oblast-bishkek", "oblast", "KG-GB"));
        var issued = await mayor.PostJson($"/api/certificates/nominations/{(long)nomination["id"]!}/approve", new { language = "ky" }, HttpStatusCode.Created);
        Assert.StartsWith("BK-", (string)issued["serial"]!, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> AudienceOf(TestHost host, string module)
    {
        var client = host.AdminClient();
        return await client.GetJson($"/api/campaigns/{await Campaign(client, module, segment: null)}/audience");
    }

    private static async Task<long> Campaign(HttpClient client, string module, object? segment) =>
        (long)(await client.PostJson("/api/campaigns", segment is null
            ? new { moduleId = module, name = $"{module} everywhere", template = "appeal" }
            : new { moduleId = module, name = $"{module} narrowed", template = "appeal", segment }, HttpStatusCode.Created))["id"]!;
}
