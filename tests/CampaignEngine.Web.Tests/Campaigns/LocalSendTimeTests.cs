using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class LocalSendTimeTestsOnSqlite() : LocalSendTimeTests(TestHost.Sqlite);

public sealed class LocalSendTimeTestsOnPostgreSql() : LocalSendTimeTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class LocalSendTimeTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Launch_at_ten_local_gives_each_zone_its_own_ten_oclock()
    {
        var client = _host.AdminClient();
        var yakutsk = TestCompatriots.Insert(_host, new("Нурлан", "male", "KG-Y", "RU", City: "Yakutsk", TimeZone: "Asia/Yakutsk", Phone: "+79141234567"));
        var moscow = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-N", "RU", City: "Moscow", TimeZone: "Europe/Moscow", Phone: "+79161234567"));
        var created = await client.PostJson("/api/campaigns", new
        {
            moduleId = "national", name = "Saturday morning", window = new { from = "09:00", to = "21:00" },
        }, HttpStatusCode.Created);
        var id = (long)created["id"]!;
        Assert.Equal("09:00", (string)created["window"]!["from"]!);

        var saturday = DateTime.UtcNow.Date.AddDays(7 + (6 - (int)DateTime.UtcNow.DayOfWeek) % 7).AddHours(10);
        var launch = await client.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { localAt = saturday.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Accepted, launch.StatusCode);

        var items = (await client.GetJson($"/api/campaigns/{id}/messages"))["items"]!.AsArray();
        DateTimeOffset NotBefore(long person) => DateTimeOffset.Parse((string)items.Single(m => (long)m!["compatriotId"]! == person)!["notBefore"]!, CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(saturday.AddHours(-9), TimeSpan.Zero), NotBefore(yakutsk));
        Assert.Equal(new DateTimeOffset(saturday.AddHours(-3), TimeSpan.Zero), NotBefore(moscow));
        Assert.Equal("scheduled", (string)(await client.GetJson($"/api/campaigns/{id}"))["status"]!);
    }

    [SkippableFact]
    public async Task A_window_that_ends_before_it_starts_is_rejected()
    {
        var response = await _host.AdminClient().PostAsJsonAsync("/api/campaigns", new { moduleId = "naryn", name = "x", window = new { from = "20:00", to = "10:00" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("window.to", await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
