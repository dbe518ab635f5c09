using System.Net;
using System.Text;
using System.Text.Json;
using CampaignEngine.Web.Tests.Compatriots;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Security;

public sealed class ZeroCharacterTestsOnSqlite() : ZeroCharacterTests(TestHost.Sqlite);

public sealed class ZeroCharacterTestsOnPostgreSql() : ZeroCharacterTests(TestHost.PostgreSql);

/// <summary>
/// The zero character (U+0000) is not text, and PostgreSQL refuses to store it: a JSON body or an import cell holding
/// one is refused as bad input naming its field, on both engines alike, never a 500 (InputFuzzTests found it).
/// </summary>
public abstract class ZeroCharacterTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_json_string_holding_the_zero_character_is_a_400_naming_its_field()
    {
        using var content = new StringContent("""{"moduleId":"issyk-kul","name":"Lake\u0000"}""", Encoding.UTF8, "application/json");
        var response = await _host.AdminClient().PostAsync("/api/campaigns", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("errors").TryGetProperty("name", out _), body.ToString());
    }

    [SkippableFact]
    public async Task An_import_cell_holding_the_zero_character_refuses_that_row_naming_its_column_and_imports_the_rest()
    {
        var csv = DirectoryApi.Csv(DirectoryApi.Person("p-1"), DirectoryApi.Person("p-2", name: "Нурлан\0 Осмонов"));
        var (status, body) = await DirectoryApi.Import(_host.AdminClient(), csv);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("imported").GetInt32());
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal((3, "full_name"), (rejected.GetProperty("row").GetInt32(), rejected.GetProperty("field").GetString()));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
