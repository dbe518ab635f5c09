using System.Globalization;
using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;
using Dapper;

namespace CampaignEngine.Web.Tests.Pledges;

public sealed class LinkPledgeBoundsTestsOnSqlite() : LinkPledgeBoundsTests(TestHost.Sqlite);

public sealed class LinkPledgeBoundsTestsOnPostgreSql() : LinkPledgeBoundsTests(TestHost.PostgreSql);

/// <summary>
/// A tracked link is held by whoever has the message, so what it can do to public figures is bounded: it pledges
/// only to a project its campaign asks for, a few times a day (however many requests arrive together), and a large
/// sum waits for a person on the staff before any public page counts it. The project page counts confirmed money,
/// and shows promised money apart.
/// </summary>
public abstract class LinkPledgeBoundsTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_link_pledges_only_to_a_project_its_campaign_asks_for()
    {
        var admin = _host.AdminClient();
        var water = await Project(admin, "KG-N", "Water");
        var road = await Project(admin, "KG-N", "Road");
        var lake = await Project(admin, "KG-Y", "Lake");

        // A campaign may ask only for its own module's projects, and names the field when it is refused.
        var refused = await admin.PostJson("/api/campaigns", new { moduleId = "naryn", name = "Water", projectIds = new[] { water, lake } }, HttpStatusCode.BadRequest);
        Assert.Contains("projectIds", refused["errors"]!.ToJsonString(), StringComparison.Ordinal);
        await admin.PostJson("/api/campaigns", new { moduleId = "naryn", name = "Water", projectIds = new[] { 424242L } }, HttpStatusCode.BadRequest);
        var created = await admin.PostJson("/api/campaigns", new { moduleId = "naryn", name = "Water", projectIds = new[] { water } }, HttpStatusCode.Created);
        var campaign = (long)created["id"]!;
        Assert.Equal([water], created["projectIds"]!.AsArray().Select(p => (long)p!).ToArray());

        var person = TestCompatriots.Insert(_host, new("Айпери", "female", "KG-N", "DE"));
        var token = Link(campaign, person);
        var anonymous = _host.CreateClient();
        await anonymous.PostJson($"/r/{token}/pledge", new { kind = "money", amount = 50, currency = "USD", projectId = water }, HttpStatusCode.Created);
        // Another project of the same region, and one of another region: neither is this campaign's to collect for.
        foreach (var other in new[] { road, lake })
        {
            var problem = await anonymous.PostJson($"/r/{token}/pledge", new { kind = "money", amount = 50, currency = "USD", projectId = other }, HttpStatusCode.BadRequest);
            Assert.Contains("projectId", problem["errors"]!.ToJsonString(), StringComparison.Ordinal);
        }
        // A campaign that asks for no project: its links pledge to none.
        var general = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "naryn", name = "General" }, HttpStatusCode.Created))["id"]!;
        var generalToken = Link(general, person);
        await anonymous.PostJson($"/r/{generalToken}/pledge", new { kind = "money", amount = 50, currency = "USD", projectId = water }, HttpStatusCode.BadRequest);
        await anonymous.PostJson($"/r/{generalToken}/pledge", new { kind = "money", amount = 50, currency = "USD" }, HttpStatusCode.Created);

        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE project_id IS NOT NULL"));
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE project_id IN (@road, @lake)", new { road, lake }));
    }

    [SkippableFact]
    public async Task A_link_makes_at_most_three_pledges_a_day_even_when_twenty_arrive_at_once()
    {
        var person = TestCompatriots.Insert(_host, new("Бакыт", "male", "KG-N", "DE"));
        var (campaign, _) = ProjectTestKit.DeliveredCampaign(_host, "naryn");
        var token = Link(campaign, person);
        // The page is opened before the bound is reached (once reached, it offers no form).
        var browser = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var landing = await browser.GetStringAsync($"/r/{token}?lang=en");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var client = _host.CreateClient();
            using var body = JsonContent($$"""{"kind":"money","amount":{{10 + i}},"currency":"USD"}""");
            return await client.PostAsync($"/r/{token}/pledge", body);
        }));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(17, limited.Count);
        Assert.All(limited, a => Assert.True(a.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After on a refused pledge"));
        Assert.Equal(3, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE compatriot_id = @person", new { person }));

        // The tracked page's form hears the same, in the person's language, and writes nothing.
        var form = await browser.PostAsync($"/r/{token}/pledge?lang=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(landing), ["Kind"] = "money", ["Amount"] = "20", ["Currency"] = "USD",
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Contains("made its pledges for today", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE compatriot_id = @person", new { person }));

        // Another person's link has its own bound; staff recording on someone's behalf has none.
        var other = TestCompatriots.Insert(_host, new("Нурлан", "male", "KG-N", "DE"));
        await _host.CreateClient().PostJson($"/r/{Link(campaign, other)}/pledge", new { kind = "time", hours = 4 }, HttpStatusCode.Created);
        for (var i = 0; i < 4; i++)
            await _host.AdminClient().PostJson("/api/pledges", new { compatriotId = person, kind = "money", amount = 5, currency = "USD" }, HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task A_large_pledge_waits_for_staff_and_the_project_page_counts_confirmed_money_with_promises_apart()
    {
        var admin = _host.AdminClient();
        var water = await Project(admin, "KG-N", "Water");
        var campaign = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "naryn", name = "Water", projectIds = new[] { water } }, HttpStatusCode.Created))["id"]!;
        var big = TestCompatriots.Insert(_host, new("Жылдыз", "female", "KG-N", "QA"));
        var bigger = TestCompatriots.Insert(_host, new("Эрмек", "male", "KG-N", "QA"));
        var small = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-N", "DE"));
        var anonymous = _host.CreateClient();

        // Above Pledges:ConfirmAboveUsd (1,000 by default): recorded, but waiting.
        var large = await anonymous.PostJson($"/r/{Link(campaign, big)}/pledge", new { kind = "money", amount = 9_000_000, currency = "USD", projectId = water }, HttpStatusCode.Created);
        Assert.Equal("awaiting_confirmation", (string)large["status"]!);
        var larger = await anonymous.PostJson($"/r/{Link(campaign, bigger)}/pledge", new { kind = "money", amount = 4_000, currency = "USD", projectId = water }, HttpStatusCode.Created);
        Assert.Equal("awaiting_confirmation", (string)larger["status"]!);
        var promise = await anonymous.PostJson($"/r/{Link(campaign, small)}/pledge", new { kind = "money", amount = 250, currency = "USD", projectId = water }, HttpStatusCode.Created);
        Assert.Equal("pledged", (string)promise["status"]!);

        var page = await PublicPage(water);
        Assert.Equal("0 USD", Figure(page, "confirmed-usd"));
        Assert.Equal("250 USD", Figure(page, "promised-usd"));
        Assert.DoesNotContain("9,000,000", page, StringComparison.Ordinal);
        Assert.DoesNotContain("4,000", page, StringComparison.Ordinal);

        // Staff confirm one through the API, the other on the pledge's page.
        var confirmed = await admin.PostJson($"/api/pledges/{(long)larger["id"]!}/confirm", new { }, HttpStatusCode.OK);
        Assert.Equal("confirmed", (string)confirmed["status"]!);
        ProjectTestKit.CreateUser(_host, "officer-confirm", "officer");
        var officer = await ProjectTestKit.SignInAsync(_host, "officer-confirm");
        var details = await officer.GetStringAsync($"/pledges/{(long)large["id"]!}?lang=en");
        Assert.Contains("id=\"confirm-pledge\"", details, StringComparison.Ordinal);
        var posted = await officer.PostAsync($"/pledges/{(long)large["id"]!}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(details),
        }));
        Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, posted.StatusCode.ToString());
        Assert.Equal("confirmed", (string)(await admin.GetJson($"/api/pledges/{(long)large["id"]!}"))["status"]!);
        Assert.Equal(2, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'pledge.confirm'"));

        page = await PublicPage(water);
        Assert.Equal("9,004,000 USD", Figure(page, "confirmed-usd"));
        Assert.Equal("250 USD", Figure(page, "promised-usd"));
        var api = await admin.GetJson($"/api/projects/{water}");
        Assert.Equal(9_004_000m, (decimal)api["confirmedUsd"]!);
        Assert.Equal(250m, (decimal)api["promisedUsd"]!);
        Assert.Equal(0m, (decimal)api["awaitingConfirmationUsd"]!);
    }

    private static async Task<long> Project(HttpClient admin, string region, string title) =>
        (long)(await admin.PostJson("/api/projects", new
        {
            region, budget = 100_000, currency = "USD", title = new { ky = title, ru = title, en = title },
        }, HttpStatusCode.Created))["id"]!;

    /// <summary>A delivered message of the campaign to the person: the link they would open.</summary>
    private string Link(long campaignId, long compatriotId)
    {
        var token = Guid.NewGuid().ToString("N");
        using var connection = _host.OpenDatabase();
        connection.Execute("""
            INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, sent_at, token)
            VALUES (@campaignId, @compatriotId, 'whatsapp', 'ru', 'delivered', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', @token)
            """, new { campaignId, compatriotId, token });
        return token;
    }

    private async Task<string> PublicPage(long projectId) =>
        await _host.CreateClient().GetStringAsync($"/projects/{projectId.ToString(CultureInfo.InvariantCulture)}?lang=en");

    private static string Figure(string page, string id)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page, $"id=\"{id}\">([^<]*)<");
        Assert.True(match.Success, $"no #{id} on the page");
        return match.Groups[1].Value;
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
