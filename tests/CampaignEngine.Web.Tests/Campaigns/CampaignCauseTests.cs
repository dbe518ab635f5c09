using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class CampaignCauseTestsOnSqlite() : CampaignCauseTests(TestHost.Sqlite);

public sealed class CampaignCauseTestsOnPostgreSql() : CampaignCauseTests(TestHost.PostgreSql);

/// <summary>
/// A campaign's messages and its tracked page speak of what that campaign collects for: the first of its projects, in
/// the reader's language, named and described in the project's own words; a campaign for no project speaks of its
/// module's standing cause (the manifest's <c>cause</c>). Before, every module's appeal named its flagship project
/// whatever the campaign was for.
/// </summary>
public abstract class CampaignCauseTests(string engine) : IDisposable
{
    private const string RoofKy = "Кара-Буура мектебинин чатыры";
    private const string RoofRu = "Крыша школы в Кара-Бууре";
    private const string AboutKy = "Кара-Буурадагы мектептин чатыры агып жатат: кышка чейин жаңыртабыз.";
    private const string AboutRu = "Крыша школы в Кара-Бууре протекает: заменим её до зимы.";

    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_campaign_for_a_project_names_and_describes_that_project_in_each_readers_language_in_the_message_and_on_its_page()
    {
        var admin = _host.AdminClient();
        var project = (long)(await admin.PostJson("/api/projects", new
        {
            region = "KG-T", moduleId = "talas", title = new { ky = RoofKy, ru = RoofRu, en = "A roof for the Kara-Buura school" },
            description = new { ky = AboutKy, ru = AboutRu, en = "The Kara-Buura school's roof leaks: we replace it before winter." },
            budget = 12000, currency = "USD",
        }, HttpStatusCode.Created))["id"]!;
        TestCompatriots.Insert(_host, new("Айгүл Өмүрбекова", "female", "KG-T", "CA", "ky", Email: "aigul@example.org", Channels: "email;whatsapp", Phone: "+14165550101"));
        TestCompatriots.Insert(_host, new("Бермет Ниязова", "female", "KG-T", "CA", "ru", Email: "bermet@example.org", Channels: "email"));

        await LaunchAsync(admin, project, channels: ["whatsapp", "email"], expected: 2);

        var sent = OutboxMessages.Read(_host.OutboxPath);
        var kyrgyz = sent.Single(m => m.Language == "ky");
        var russian = sent.Single(m => m.Language == "ru");
        Assert.Contains($"«{RoofKy}»", kyrgyz.Block, StringComparison.Ordinal);
        Assert.Contains($"«{RoofRu}»", russian.Block, StringComparison.Ordinal);
        Assert.Contains(AboutRu, russian.Block, StringComparison.Ordinal);
        Assert.All(sent, m => Assert.DoesNotContain("медпункт", m.Block, StringComparison.Ordinal));

        var page = WebUtility.HtmlDecode(await _host.CreateClient().GetStringAsync($"/r/{kyrgyz.TrackedToken}"));
        Assert.Contains($"«{RoofKy}»", page, StringComparison.Ordinal);
        Assert.Contains(AboutKy, page, StringComparison.Ordinal);
        Assert.DoesNotContain("медпункт", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_campaign_for_no_project_speaks_of_its_modules_cause()
    {
        TestCompatriots.Insert(_host, new("Бермет Ниязова", "female", "KG-T", "CA", "ru", Email: "bermet@example.org", Channels: "email"));

        await LaunchAsync(_host.AdminClient(), project: null, channels: ["email"], expected: 1);

        var message = Assert.Single(OutboxMessages.Read(_host.OutboxPath));
        Assert.Contains("«Оснащение сельских медпунктов Таласа»", message.Block, StringComparison.Ordinal);
        Assert.Contains("Медпунктам в отдалённых сёлах Таласа не хватает оборудования", message.Block, StringComparison.Ordinal);
    }

    private async Task LaunchAsync(HttpClient admin, long? project, string[] channels, int expected)
    {
        var id = (long)(await admin.PostJson("/api/campaigns", new
        {
            moduleId = "talas", name = "Talas autumn", publicTitle = new { ky = "Күзгү кайрылуу", ru = "Осеннее обращение" },
            channels, window = new { from = "00:00", to = "24:00" }, projectIds = project is { } p ? new[] { p } : null,
        }, HttpStatusCode.Created))["id"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        await Eventually.True(async () => (long)(await admin.GetJson($"/api/campaigns/{id}"))["counts"]!["sent"]! == expected);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
