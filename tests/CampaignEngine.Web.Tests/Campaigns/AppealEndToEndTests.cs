using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class AppealEndToEndTestsOnSqlite() : AppealEndToEndTests(TestHost.Sqlite);

public sealed class AppealEndToEndTestsOnPostgreSql() : AppealEndToEndTests(TestHost.PostgreSql);

/// <summary>The whole appeal path through the API: audience, preview, launch, outbox, tracked link, pledge, reports.</summary>
public abstract class AppealEndToEndTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Appeal_goes_from_audience_to_outbox_to_pledge_and_report()
    {
        var client = _host.AdminClient();
        // Issyk-Kul natives in the module's countries, plus people who must not be reached.
        var aigul = TestCompatriots.Insert(_host, new("Айгүл Өмүрбекова", "female", "KG-Y", "AE", "ky"));
        TestCompatriots.Insert(_host, new("Бермет Ниязова", "female", "KG-Y", "CN", "ru", Channels: "telegram", Phone: null));   // no telegram address → unreachable
        TestCompatriots.Insert(_host, new("Нурлан Токтосунов", "male", "KG-Y", "BE", "en", Phone: "+32470123456"));
        TestCompatriots.Insert(_host, new("Азамат Бекович", "male", "KG-N", "AE"));          // other region
        TestCompatriots.Insert(_host, new("Гүлнара Асанова", "female", "KG-Y", "RU"));       // other country

        var created = await client.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Clean lake", template = "appeal", window = new { from = "00:00", to = "24:00" } }, HttpStatusCode.Created);
        var id = (long)created["id"]!;

        var audience = await client.GetJson($"/api/campaigns/{id}/audience");
        Assert.Equal(3, (long)audience["total"]!);
        Assert.Equal(1, (long)audience["unreachable"]!);
        Assert.Equal(2, (long)audience["byChannel"]!["whatsapp"]!);

        var preview = await client.GetJson($"/api/campaigns/{id}/preview?lang=ky");
        Assert.Contains("Айгүл", (string)preview["text"]!);
        Assert.Contains("Ысык-Көл", (string)preview["subject"]!);

        var launch = await client.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { });
        Assert.Equal(HttpStatusCode.Accepted, launch.StatusCode);
        // Launching again is a no-op.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        Assert.Equal(2, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM send_message WHERE campaign_id = @id", new { id }));

        await Eventually.True(async () => (long)(await client.GetJson($"/api/campaigns/{id}"))["counts"]!["sent"]! == 2);
        var sent = OutboxMessages.Read(_host.OutboxPath);
        Assert.Equal(2, sent.Count);
        var kyrgyz = sent.Single(m => m.Language == "ky");
        Assert.Contains("Айгүл", kyrgyz.Block);
        var token = kyrgyz.TrackedToken!;

        var messages = await client.GetJson($"/api/campaigns/{id}/messages?status=sent");
        Assert.Equal(2, (long)messages["total"]!);
        Assert.Contains(messages["items"]!.AsArray(), m => (long)m!["id"]! == kyrgyz.Id && (long)m["compatriotId"]! == aigul);

        var anonymous = _host.CreateClient();
        var landing = await anonymous.GetAsync($"/r/{token}");
        var html = await landing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.True(html.Contains("Салым кошуу"), html);

        await anonymous.PostJson($"/r/{token}/pledge", new { kind = "money", amount = 1000, currency = "KGS" }, HttpStatusCode.Created);
        await anonymous.PostJson($"/r/{token}/pledge", new { kind = "time", hours = 6, contributionType = "training" }, HttpStatusCode.Created);
        var bad = await anonymous.PostJson($"/r/{token}/pledge", new { kind = "money", amount = -5, currency = "KGS" }, HttpStatusCode.BadRequest);
        Assert.Contains("amount", bad.ToJsonString());

        var campaign = await client.GetJson($"/api/campaigns/{id}");
        Assert.Equal(1, (long)campaign["counts"]!["clicked"]!);
        Assert.Equal(1, (long)campaign["counts"]!["pledged"]!);

        var report = await client.GetJson($"/api/reports/pledges?campaignId={id}&by=gender,country");
        var row = Assert.Single(report["rows"]!.AsArray());
        Assert.Equal("female", (string)row!["gender"]!);
        Assert.Equal("AE", (string)row["country"]!);
        Assert.Equal(2, (long)row["count"]!);
        Assert.Equal(11.44, (double)row["amountUsd"]!, 2);
    }

    [SkippableFact]
    public async Task Unknown_module_is_a_problem_naming_the_field()
    {
        var response = await _host.AdminClient().PostAsJsonAsync("/api/campaigns", new { moduleId = "atlantis", name = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("moduleId", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Segment_narrows_by_gender_age_and_language()
    {
        var client = _host.AdminClient();
        TestCompatriots.Insert(_host, new("A", "female", "KG-T", "CA", "ky", BirthYear: 1995, Phone: "+14165550100"));
        TestCompatriots.Insert(_host, new("B", "female", "KG-T", "MY", "ru", BirthYear: 1960, Phone: "+60123456789"));
        TestCompatriots.Insert(_host, new("C", "male", "KG-T", "CA", "ky", BirthYear: 1995, Phone: "+14165550101"));
        TestCompatriots.Insert(_host, new("D", "female", "KG-T", "CA", "en", BirthYear: null, Phone: "+14165550102"));
        var created = await client.PostJson("/api/campaigns", new
        {
            moduleId = "talas", name = "Women 25-39 and unknown age", template = "appeal",
            segment = new { genders = new[] { "female" }, ageBands = new[] { "25-29", "30-39", "unknown" } },
        }, HttpStatusCode.Created);
        var audience = await client.GetJson($"/api/campaigns/{(long)created["id"]!}/audience");
        Assert.Equal(2, (long)audience["total"]!);
    }

    [SkippableFact]
    public async Task Campaign_with_nobody_in_its_audience_shows_zero_everywhere()
    {
        var client = _host.AdminClient();
        var created = await client.PostJson("/api/campaigns", new { moduleId = "batken", name = "Empty" }, HttpStatusCode.Created);
        var id = (long)created["id"]!;
        var audience = await client.GetJson($"/api/campaigns/{id}/audience");
        Assert.Equal(0, (long)audience["total"]!);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        Assert.Equal(0, (long)(await client.GetJson($"/api/campaigns/{id}/messages"))["total"]!);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
