using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Operations;

public sealed class MetricsTestsOnSqlite() : MetricsTests(TestHost.Sqlite);

public sealed class MetricsTestsOnPostgreSql() : MetricsTests(TestHost.PostgreSql);

/// <summary>/metrics after real work: a campaign sent to the file outbox, a pledge through a link, a question to the desk, a refused callback.</summary>
public abstract class MetricsTests(string engine) : IDisposable
{
    private const string ScrapeToken = "scrape-token-for-tests-0123456789";
    private readonly TestHost _host = new(engine) { Settings = { ["Metrics:Token"] = ScrapeToken } };

    [SkippableFact]
    public async Task The_numbers_move_with_sends_pledges_questions_and_refused_callbacks()
    {
        var admin = _host.AdminClient();
        var before = await ScrapeAsync();
        Assert.Equal(0, Value(before, "campaignengine_messages_total", "channel=\"email\",outcome=\"sent\""));

        for (var i = 0; i < 3; i++)
            TestCompatriots.Insert(_host, new($"Person {i}", "female", "KG-Y", "AE", Email: $"p{i}@example.kg", Channels: "email"));
        var campaign = await LaunchAsync(admin);
        await Eventually.True(async () => (string)(await admin.GetJson($"/api/campaigns/{campaign}"))["status"]! == "completed", seconds: 60);
        var token = TestCompatriots.Strings(_host, "SELECT token FROM send_message WHERE campaign_id = @campaign ORDER BY id", new { campaign })[0];
        var visitor = _host.CreateClient();
        await visitor.PostJson($"/r/{token}/pledge", new { kind = "money", amount = 50, currency = "USD" }, HttpStatusCode.Created);
        await visitor.PostJson($"/r/{token}/ask", new { text = "Когда начнётся ремонт школы?" }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await visitor.PostAsync("/webhooks/sms", new StringContent("{}"))).StatusCode);

        var after = await ScrapeAsync();
        Assert.Equal(3, Value(after, "campaignengine_messages_total", "channel=\"email\",outcome=\"sent\""));
        Assert.Equal(1, Value(after, "campaignengine_pledges_recorded_total", "kind=\"money\",source=\"self\""));
        Assert.Equal(1, Value(after, "campaignengine_webhooks_rejected_total", "channel=\"sms\",reason=\"unconfigured\""));
        Assert.Equal(1, Value(after, "campaignengine_desk_waiting", "module=\"issyk-kul\""));
        Assert.Equal(0, Value(after, "campaignengine_queue_depth", null));
    }

    [SkippableFact]
    public async Task Queue_depth_and_claim_lag_show_messages_due_that_nobody_claims()
    {
        var admin = _host.AdminClient();
        for (var i = 0; i < 2; i++)
            TestCompatriots.Insert(_host, new($"Waiting {i}", "male", "KG-Y", "AE", Email: $"w{i}@example.kg", Channels: "email"));
        var campaign = await LaunchAsync(admin);
        await Eventually.True(async () => (string)(await admin.GetJson($"/api/campaigns/{campaign}"))["status"]! == "completed", seconds: 60);
        // As if the dispatcher had stopped ten minutes ago with both messages due: a paused campaign is never claimed.
        TestCompatriots.Scalar(_host, "UPDATE campaign SET status = 'paused' WHERE id = @campaign RETURNING 1", new { campaign });
        TestCompatriots.Scalar(_host, "UPDATE send_message SET status = 'pending', not_before = @due WHERE campaign_id = @campaign RETURNING 1",
            new { campaign, due = DateTimeOffset.UtcNow.AddMinutes(-10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) });

        var text = await ScrapeAsync();
        Assert.Equal(2, Value(text, "campaignengine_queue_depth", null));
        Assert.InRange(Value(text, "campaignengine_claim_lag_seconds", null), 590, 900);
    }

    [SkippableFact]
    public async Task The_scrape_token_or_an_admin_may_read_and_nobody_else()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient().GetAsync("/metrics")).StatusCode);
        var wrong = _host.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics")).StatusCode);
        var officer = _host.ClientWithKey(await Security.Users.CreateWithKey(_host, "metrics-officer", "officer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/metrics")).StatusCode);
        var response = await _host.AdminClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    private async Task<long> LaunchAsync(HttpClient admin)
    {
        var campaign = (long)(await admin.PostJson("/api/campaigns",
            new { moduleId = "issyk-kul", name = "Metrics", channels = new[] { "email" }, window = new { from = "00:00", to = "24:00" } }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
        return campaign;
    }

    private async Task<string> ScrapeAsync()
    {
        var scraper = _host.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of one series (0 when the series is not there yet); <paramref name="labels"/> as exposed, sorted by name.</summary>
    private static double Value(string exposition, string name, string? labels)
    {
        var series = labels is null ? name : $"{name}{{{labels}}}";
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        Assert.Contains($"# TYPE {name} ", exposition, StringComparison.Ordinal);
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
