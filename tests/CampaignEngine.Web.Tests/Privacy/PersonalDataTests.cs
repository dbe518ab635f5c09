using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Privacy;

public sealed class PersonalDataTestsOnSqlite() : PersonalDataTests(TestHost.Sqlite);

public sealed class PersonalDataTestsOnPostgreSql() : PersonalDataTests(TestHost.PostgreSql);

public abstract class PersonalDataTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Export_holds_everything_and_erasure_removes_the_person_but_keeps_the_totals()
    {
        var admin = _host.AdminClient();
        var person = TestCompatriots.Insert(_host, new("Айгүл Өмүрбекова", "female", "KG-Y", "AE", Phone: "+971501239999", Email: "aigul@example.kg", Channels: "whatsapp;email", City: "Dubai"));
        var id = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Lake" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{id}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(async () => (long)(await admin.GetJson($"/api/campaigns/{id}"))["counts"]!["sent"]! == 1);
        var token = OutboxMessages.Read(_host.OutboxPath).Single().TrackedToken!;
        await _host.CreateClient().PostJson($"/r/{token}/pledge", new { kind = "money", amount = 200, currency = "USD", description = "from my salary" }, HttpStatusCode.Created);

        var export = await admin.GetJson($"/api/compatriots/{person}/export");
        Assert.Equal("Айгүл Өмүрбекова", (string)export["person"]!["fullName"]!);
        Assert.Equal("+971501239999", (string)export["person"]!["phone"]!);
        Assert.Single(export["messages"]!.AsArray());
        Assert.Single(export["pledges"]!.AsArray());
        Assert.DoesNotContain(token, export.ToJsonString());

        var erase = await admin.DeleteAsync($"/api/compatriots/{person}");
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);

        var after = await admin.GetJson($"/api/compatriots/{person}/export");
        var text = after.ToJsonString();
        foreach (var personal in new[] { "Өмүрбекова", "+971501239999", "aigul@example.kg", "Dubai", "from my salary" })
            Assert.DoesNotContain(personal, text);
        Assert.NotNull((string?)after["person"]!["erasedAt"]);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateClient().GetAsync($"/r/{token}")).StatusCode);
        // The pledge still counts, under its snapshot (a woman from Issyk-Kul in the UAE).
        var report = await admin.GetJson($"/api/reports/pledges?campaignId={id}&by=gender,country");
        var row = report["rows"]!.AsArray().Single()!;
        Assert.Equal("female", (string)row["gender"]!);
        Assert.Equal(200.0, (double)row["amountUsd"]!);
    }

    [SkippableFact]
    public async Task Only_national_staff_may_export_or_erase()
    {
        var admin = _host.AdminClient();
        var person = TestCompatriots.Insert(_host, new("Бакыт", "male", "KG-N", "DE"));
        var userId = (long)(await admin.PostJson("/api/users", new { login = "oblast-n", password = "long-password-1", role = "oblast", region = "KG-N" }, HttpStatusCode.Created))["id"]!;
        var key = (string)(await admin.PostJson($"/api/users/{userId}/api-keys", new { }, HttpStatusCode.Created))["key"]!;
        var oblast = _host.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await oblast.GetAsync($"/api/compatriots/{person}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oblast.DeleteAsync($"/api/compatriots/{person}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/compatriots/999999")).StatusCode);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
