using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class OrganizationsApiTestsOnSqlite() : OrganizationsApiTests(TestHost.Sqlite);

public sealed class OrganizationsApiTestsOnPostgreSql() : OrganizationsApiTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class OrganizationsApiTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Create_then_list()
    {
        var admin = _host.AdminClient();
        var id = await CreateOrganization(admin, "Kyrgyz Community Qatar", "qa", "Doha");
        var list = await Get(admin, "/api/organizations");
        var organization = Assert.Single(list.EnumerateArray().ToList());
        Assert.Equal(id, organization.GetProperty("id").GetInt64());
        Assert.Equal("QA", organization.GetProperty("country").GetString());
        Assert.Equal("Doha", organization.GetProperty("city").GetString());
    }

    [SkippableTheory]
    [InlineData("", "RU", "name")]
    [InlineData("Общество", "XX", "country")]
    public async Task Create_invalid_is_400_naming_the_field(string name, string country, string field)
    {
        var response = await _host.AdminClient().PostAsJsonAsync("/api/organizations", new { name, country, city = (string?)null });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [SkippableFact]
    public async Task Create_same_name_in_other_case_is_409()
    {
        var admin = _host.AdminClient();
        await CreateOrganization(admin, "Кыргыз Конгресс");
        var response = await admin.PostAsJsonAsync("/api/organizations", new { name = "КЫРГЫЗ КОНГРЕСС", country = "RU" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [SkippableFact]
    public async Task Create_by_oblast_user_is_forbidden()
    {
        var oblast = await ClientFor(_host, "naryn.oblast", "oblast", region: "KG-N");
        var response = await oblast.PostAsJsonAsync("/api/organizations", new { name = "X", country = "RU" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
