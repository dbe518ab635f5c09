using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Users;

public sealed class UsersApiTestsOnSqlite() : UsersApiTests(TestHost.Sqlite);

public sealed class UsersApiTestsOnPostgreSql() : UsersApiTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class UsersApiTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    private async Task<HttpResponseMessage> Post(HttpClient client, object user) => await client.PostAsJsonAsync("/api/users", user);

    [SkippableFact]
    public async Task Create_officer_then_key_authenticates()
    {
        var admin = _host.AdminClient();
        var response = await Post(admin, new { login = "aizada", password = "kyzyl-kyia-2026", role = "officer" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var keyResponse = await admin.PostAsync($"/api/users/{id}/api-keys", null);
        Assert.Equal(HttpStatusCode.Created, keyResponse.StatusCode);
        var key = await keyResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(key.GetProperty("id").GetInt64() > 0);
        var officer = _host.ClientWithKey(key.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/compatriots")).StatusCode);
        // An officer may make a key for themself, not for someone else, and may not create users.
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsync($"/api/users/{id}/api-keys", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/api/users/1/api-keys", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(officer, new { login = "x", password = "12345678", role = "admin" })).StatusCode);
    }

    [SkippableTheory]
    [InlineData("", "long-password", "officer", null, "login")]
    [InlineData("bakyt", "short", "officer", null, "password")]
    [InlineData("bakyt", "long-password", "king", null, "role")]
    [InlineData("bakyt", "long-password", "oblast", null, "region")]
    [InlineData("bakyt", "long-password", "oblast", "KG-X", "region")]
    [InlineData("bakyt", "long-password", "officer", "KG-Y", "region")]
    [InlineData("bakyt", "long-password", "leader", null, "organizationId")]
    public async Task Create_invalid_is_400_naming_the_field(string login, string password, string role, string? region, string field)
    {
        var response = await Post(_host.AdminClient(), new { login, password, role, region });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [SkippableFact]
    public async Task Create_leader_needs_an_existing_organisation()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(admin, new { login = "g", password = "long-password", role = "leader", organizationId = 4242 })).StatusCode);
        var org = await CreateOrganization(admin, "Фонд нарынского землячества");
        Assert.Equal(HttpStatusCode.Created, (await Post(admin, new { login = "g", password = "long-password", role = "leader", organizationId = org })).StatusCode);
    }

    [SkippableFact]
    public async Task Create_oblast_stores_the_region_code()
    {
        var response = await Post(_host.AdminClient(), new { login = "bakyt", password = "long-password", role = "oblast", region = "issyk-kul" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("KG-Y", Scalar<string>(_host, "SELECT region FROM auth_user WHERE login = 'bakyt'"));
    }

    [SkippableFact]
    public async Task Create_duplicate_login_is_409_whatever_the_case()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.Created, (await Post(admin, new { login = "nurlan", password = "long-password", role = "officer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Post(admin, new { login = "NURLAN", password = "long-password", role = "officer" })).StatusCode);
    }

    [SkippableFact]
    public async Task Key_for_unknown_user_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _host.AdminClient().PostAsync("/api/users/9999/api-keys", null)).StatusCode);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
