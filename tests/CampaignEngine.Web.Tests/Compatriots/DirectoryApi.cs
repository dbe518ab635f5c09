using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Tests.Compatriots;

/// <summary>Test helpers: import a CSV through the API, create users with keys, count rows in the test database.</summary>
public static class DirectoryApi
{
    public const string Header = CompatriotCsvTests.Header;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> Import(HttpClient client, string csv)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new("text/csv");
        content.Add(file, "file", "contacts.csv");
        var response = await client.PostAsync("/api/compatriots/import", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<long> CreateOrganization(HttpClient admin, string name, string country = "RU", string? city = null)
    {
        var response = await admin.PostAsJsonAsync("/api/organizations", new { name, country, city });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Creates a user through the users API and returns a client authenticated with a fresh key of theirs.</summary>
    public static async Task<HttpClient> ClientFor(TestHost host, string login, string role, string? region = null, long? organizationId = null)
    {
        var admin = host.AdminClient();
        var created = await admin.PostAsJsonAsync("/api/users", new { login, password = "long-enough-password", role, region, organizationId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var key = await admin.PostAsync($"/api/users/{id}/api-keys", null);
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        return host.ClientWithKey((await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
    }

    public static T Scalar<T>(TestHost host, string sql, object? parameters = null)
    {
        using var connection = host.OpenDatabase();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    public static async Task<JsonElement> Get(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    public static string Person(string id, string name = "Нурлан Осмонов", string gender = "м", string region = "KG-Y",
        string country = "RU", string city = "Yakutsk", string language = "ky", string organization = "",
        string phone = "+7 914 123-45-67", string email = "", string channels = "whatsapp") =>
        $"{id},{name},{gender},1988,{region},Ысык-Көл району,Чолпон-Ата,{country},{city},{language},3-5,yes,training,ict,{organization},{email},{phone},,{channels}";
}
