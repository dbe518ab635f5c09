using System.Globalization;
using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class CampaignProjectsPagesTestsOnSqlite() : CampaignProjectsPagesTests(TestHost.Sqlite);

public sealed class CampaignProjectsPagesTestsOnPostgreSql() : CampaignProjectsPagesTests(TestHost.PostgreSql);

/// <summary>
/// A campaign names the projects it collects for on the staff form; its page links them and shows its pledges per
/// project, and each project's staff page lists the campaigns naming it — so the 1,500 USD of an appeal is seen where
/// the project is.
/// Runs on both engines (ADR 0012): one subclass per engine above.
/// </summary>
public abstract class CampaignProjectsPagesTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task The_form_offers_the_module_s_projects_and_the_campaign_page_links_them_and_counts_their_pledges()
    {
        var admin = _host.AdminClient();
        var school = await ProjectAsync(admin, "KG-Y", "Мектепти оңдоо", "School renovation");
        var road = await ProjectAsync(admin, "KG-Y", "Жол куруу", "Road building");
        var water = await ProjectAsync(admin, "KG-N", "Таза суу", "Clean water");
        var officer = await Security.Users.SignInAsync(_host, "officer-projects", "officer");

        var form = await officer.GetStringAsync("/campaigns/new?module=issyk-kul&lang=en");
        Assert.Contains($"name=\"ProjectIds\" value=\"{school}\"", form, StringComparison.Ordinal);
        Assert.Contains($"name=\"ProjectIds\" value=\"{road}\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"ProjectIds\" value=\"{water}\"", form, StringComparison.Ordinal);

        var created = await officer.PostAsync("/campaigns/new", Form(form, new()
        {
            ["ModuleId"] = "issyk-kul", ["Name"] = "School appeal", ["PublicTitleKy"] = "Мектепке жардам", ["Channels"] = "email", ["ProjectIds"] = Id(school),
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var campaign = long.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
        Assert.Equal([school], (await admin.GetJson($"/api/campaigns/{campaign}"))["projectIds"]!.AsArray().Select(p => (long)p!).ToArray());

        // A compatriot pledges 1,500 USD through the campaign's link, to the school; another pledges to no project.
        var anonymous = _host.CreateClient();
        var aigul = TestCompatriots.Insert(_host, new("Айгүл Өмүрбекова", "female", "KG-Y", "AE"));
        var bakyt = TestCompatriots.Insert(_host, new("Бакыт Осмонов", "male", "KG-Y", "AE"));
        await anonymous.PostJson($"/r/{Link(campaign, aigul)}/pledge", new { kind = "money", amount = 1500, currency = "USD", projectId = school }, HttpStatusCode.Created);
        await anonymous.PostJson($"/r/{Link(campaign, bakyt)}/pledge", new { kind = "money", amount = 40, currency = "USD" }, HttpStatusCode.Created);

        var page = await officer.GetStringAsync($"/campaigns/{campaign}?lang=en");
        var row = Row(page, $"project-{school}");
        Assert.Contains($"href=\"/projects/{school}\">School renovation</a>", row, StringComparison.Ordinal);
        // Above Pledges:ConfirmAboveUsd a link's pledge waits for staff: shown apart, as on the public page.
        Assert.Equal(["1", "1", "0", "0", "1,500", "0"], Numbers(row));
        Assert.Equal(["1", "1", "0", "40", "0", "0"], Numbers(Row(page, "project-none")));
        Assert.DoesNotContain($"project-{road}", page, StringComparison.Ordinal);

        // The project's staff page names the campaign collecting for it; the other project's names none.
        var schoolPage = await officer.GetStringAsync($"/projects/{school}/edit?lang=en");
        Assert.Contains($"href=\"/campaigns/{campaign}\">School appeal</a>", schoolPage, StringComparison.Ordinal);
        Assert.Contains("id=\"no-campaigns\"", await officer.GetStringAsync($"/projects/{road}/edit?lang=en"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_project_of_another_region_is_refused_beside_the_projects_and_nothing_is_saved()
    {
        var admin = _host.AdminClient();
        var water = await ProjectAsync(admin, "KG-N", "Таза суу", "Clean water");
        var oblast = await Security.Users.SignInAsync(_host, "oblast-projects", "oblast", "KG-Y");
        var form = await oblast.GetStringAsync("/campaigns/new?module=issyk-kul&lang=en");

        // A hand-made post naming Naryn's project, which the form never offered.
        var response = await oblast.PostAsync("/campaigns/new", Form(form, new()
        {
            ["ModuleId"] = "issyk-kul", ["Name"] = "Lake", ["PublicTitleKy"] = "Көл", ["Channels"] = "email", ["ProjectIds"] = Id(water),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#projects\"", page, StringComparison.Ordinal);
        Assert.Contains("may ask only for its own module&#x27;s projects", page, StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign"));
    }

    [SkippableFact]
    public async Task Unticking_every_project_of_a_draft_leaves_it_asking_for_none()
    {
        var admin = _host.AdminClient();
        var school = await ProjectAsync(admin, "KG-Y", "Мектепти оңдоо", "School renovation");
        var campaign = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "School", publicTitle = new { ky = "Мектеп" }, projectIds = new[] { school } }, HttpStatusCode.Created))["id"]!;
        var officer = await Security.Users.SignInAsync(_host, "officer-untick", "officer");
        var page = await officer.GetStringAsync($"/campaigns/{campaign}?lang=en");
        Assert.Contains($"name=\"ProjectIds\" value=\"{school}\" checked=\"checked\"", page, StringComparison.Ordinal);

        var saved = await officer.PostAsync($"/campaigns/{campaign}", Form(page, new()
        {
            ["ModuleId"] = "issyk-kul", ["Name"] = "School", ["PublicTitleKy"] = "Мектеп", ["Channels"] = "email",
        }));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Empty((await admin.GetJson($"/api/campaigns/{campaign}"))["projectIds"]!.AsArray());
        Assert.Contains("id=\"no-projects\"", await officer.GetStringAsync($"/campaigns/{campaign}?lang=en"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_project_s_staff_page_lists_only_the_campaigns_its_reader_may_open()
    {
        var admin = _host.AdminClient();
        var school = await ProjectAsync(admin, "KG-Y", "Мектепти оңдоо", "School renovation");
        await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Regional school appeal", projectIds = new[] { school } }, HttpStatusCode.Created);
        await admin.PostJson("/api/campaigns", new { moduleId = "national", name = "National school appeal", projectIds = new[] { school } }, HttpStatusCode.Created);

        var oblast = await Security.Users.SignInAsync(_host, "oblast-list", "oblast", "KG-Y");
        var page = await oblast.GetStringAsync($"/projects/{school}/edit?lang=en");

        Assert.Contains("Regional school appeal", page, StringComparison.Ordinal);
        Assert.DoesNotContain("National school appeal", page, StringComparison.Ordinal);
        Assert.Contains("National school appeal", await (await Security.Users.SignInAsync(_host, "officer-list", "officer")).GetStringAsync($"/projects/{school}/edit?lang=en"), StringComparison.Ordinal);
    }

    private static async Task<long> ProjectAsync(HttpClient admin, string region, string ky, string en) =>
        (long)(await admin.PostJson("/api/projects", new
        {
            region, budget = 100_000, currency = "USD", title = new { ky, ru = en, en },
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

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The table row with <paramref name="id"/>.</summary>
    private static string Row(string page, string id)
    {
        var start = page.IndexOf($"<tr id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row #{id}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string[] Numbers(string row) =>
        [.. System.Text.RegularExpressions.Regex.Matches(row, "<td class=\"num\">([^<]*)</td>").Select(m => m.Groups[1].Value)];

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields) =>
        new(fields.Append(KeyValuePair.Create("__RequestVerificationToken", Security.Users.Token(page))));

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
