using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Pledges;

public sealed class ProjectTestsOnSqlite() : ProjectTests(TestHost.Sqlite);

public sealed class ProjectTestsOnPostgreSql() : ProjectTests(TestHost.PostgreSql);

public abstract class ProjectTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    private static object SchoolRoof(string region = "KG-N") => new
    {
        region, village = "Ат-Башы", sector = "education_and_science", budget = 1_000_000, currency = "KGS",
        title = new { ky = "Мектептин чатыры", ru = "Крыша школы", en = "School roof" },
        description = new { ky = "Ат-Башы мектеби", ru = "Школа в Ат-Башы", en = "The school in At-Bashy" },
        shares = new { state = 25, local = 0, diaspora = 75 },
    };

    [SkippableFact]
    public async Task Project_progress_counts_only_approved_fulfilments_and_the_public_page_shows_it()
    {
        var admin = _host.AdminClient();
        var oblast = await OblastUser(admin, "KG-N");
        var project = await oblast.PostJson("/api/projects", SchoolRoof(), HttpStatusCode.Created);
        var projectId = (long)project["id"]!;
        Assert.Equal(11440m, (decimal)project["budgetUsd"]!);

        var person = TestCompatriots.Insert(_host, new("Гүлнара Асанова", "female", "KG-N", "RU"));
        var pledge = (long)(await admin.PostJson("/api/pledges", new { compatriotId = person, kind = "money", amount = 286, currency = "USD", projectId }, HttpStatusCode.Created))["id"]!;
        var fulfilment = (long)(await admin.PostJson($"/api/pledges/{pledge}/fulfilments", new { amount = 114.4, currency = "USD", evidence = "Optima 991" }, HttpStatusCode.Created))["id"]!;

        var before = await admin.GetJson($"/api/projects/{projectId}");
        Assert.Equal(286m, (decimal)before["pledgedUsd"]!);
        Assert.Equal(0m, (decimal)before["fulfilledUsd"]!);

        var officerKey = await NewUser(admin, "officer-approver", "officer", null);
        await _host.ClientWithKey(officerKey).PostJson($"/api/fulfilments/{fulfilment}/approve", new { }, HttpStatusCode.OK);
        var after = await admin.GetJson($"/api/projects/{projectId}");
        Assert.Equal(114.4m, (decimal)after["fulfilledUsd"]!);
        Assert.Equal(1.0m, (decimal)after["progressPercent"]!);
        await oblast.PostJson($"/api/projects/{projectId}/updates", new { text = "Шифер сатылып алынды", link = "https://example.kg/receipt.pdf" }, HttpStatusCode.Created);

        var page = await (await _host.CreateClient().GetAsync($"/projects/{projectId}?lang=ky")).Content.ReadAsStringAsync();
        Assert.Contains("Мектептин чатыры", page);
        Assert.Contains("114 USD", page);
        Assert.Contains("5тен аз", page);            // one donor: the count is suppressed
        Assert.Contains("Шифер сатылып алынды", page);
        Assert.DoesNotContain("Асанова", page);       // no consent, no name
    }

    [SkippableFact]
    public async Task Oblast_users_post_projects_for_their_own_region_only_and_leaders_not_at_all()
    {
        var admin = _host.AdminClient();
        var oblast = await OblastUser(admin, "KG-N");
        var response = await oblast.PostAsJsonAsync("/api/projects", SchoolRoof("KG-Y"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var bad = await admin.PostAsJsonAsync("/api/projects", new { region = "KG-N", budget = 10, currency = "KGS", title = new { ky = "a", ru = "b", en = "c" }, shares = new { state = 50, local = 30, diaspora = 40 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("shares", await bad.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> OblastUser(HttpClient admin, string region) =>
        _host.ClientWithKey(await NewUser(admin, "oblast-" + region, "oblast", region));

    private static async Task<string> NewUser(HttpClient admin, string login, string role, string? region)
    {
        var id = (long)(await admin.PostJson("/api/users", new { login, password = "long-password-1", role, region }, HttpStatusCode.Created))["id"]!;
        return (string)(await admin.PostJson($"/api/users/{id}/api-keys", new { }, HttpStatusCode.Created))["key"]!;
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
