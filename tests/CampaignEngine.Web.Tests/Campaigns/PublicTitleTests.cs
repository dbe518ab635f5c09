using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class PublicTitleTestsOnSqlite() : PublicTitleTests(TestHost.Sqlite);

public sealed class PublicTitleTestsOnPostgreSql() : PublicTitleTests(TestHost.PostgreSql);

/// <summary>
/// Readers see a campaign's public title in their own language — in the subject, the landing page's heading and
/// title, the thank-you and unsubscribe pages — and never the officer's internal name while a title exists.
/// Runs on both engines (ADR 0012): one subclass per engine above.
/// </summary>
public abstract class PublicTitleTests(string engine) : IDisposable
{
    private const string InternalName = "IK-2026 plastic (internal)";
    private const string Kyrgyz = "Ысык-Көлдүн жээгин пластиктен тазалайлы";
    private const string Russian = "Очистим берег Иссык-Куля от пластика";

    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Each_reader_gets_the_title_in_their_language_in_the_subject_and_on_every_public_page_never_the_internal_name()
    {
        var admin = _host.AdminClient();
        TestCompatriots.Insert(_host, new("Айгүл Өмүрбекова", "female", "KG-Y", "AE", "ky", Email: "aigul@example.org", Channels: "email"));
        TestCompatriots.Insert(_host, new("Бермет Ниязова", "female", "KG-Y", "AE", "ru", Email: "bermet@example.org", Channels: "email"));
        var id = await LaunchAsync(admin, new { ky = Kyrgyz, ru = Russian });

        var sent = OutboxMessages.Read(_host.OutboxPath);
        var kyrgyz = sent.Single(m => m.Language == "ky");
        var russian = sent.Single(m => m.Language == "ru");
        Assert.Contains($"Subject: {Kyrgyz} — ", kyrgyz.Block, StringComparison.Ordinal);
        Assert.Contains($"Subject: {Russian} — ", russian.Block, StringComparison.Ordinal);
        Assert.All(sent, m => Assert.DoesNotContain(InternalName, m.Block, StringComparison.Ordinal));

        var anonymous = _host.CreateClient();
        var landing = await anonymous.GetStringAsync($"/r/{kyrgyz.TrackedToken}");
        Assert.Contains($"<title>{Kyrgyz}", landing, StringComparison.Ordinal);
        Assert.Contains($"<h1>{Kyrgyz}</h1>", landing, StringComparison.Ordinal);
        // A reader switching to a language without a title gets the module's first language's (Kyrgyz for Issyk-Kul).
        Assert.Contains($"<h1>{Kyrgyz}</h1>", await anonymous.GetStringAsync($"/r/{kyrgyz.TrackedToken}?lang=en"), StringComparison.Ordinal);
        Assert.Contains($"<h1>{Russian}</h1>", await anonymous.GetStringAsync($"/r/{russian.TrackedToken}"), StringComparison.Ordinal);

        await anonymous.PostJson($"/r/{russian.TrackedToken}/pledge", new { kind = "money", amount = 50, currency = "USD" }, HttpStatusCode.Created);
        var thanks = await anonymous.GetStringAsync($"/r/{russian.TrackedToken}/thanks");
        var unsubscribe = await anonymous.GetStringAsync($"/u/{russian.TrackedToken}");
        Assert.Contains(Russian, thanks, StringComparison.Ordinal);
        Assert.Contains(Russian, unsubscribe, StringComparison.Ordinal);
        foreach (var page in new[] { landing, thanks, unsubscribe })
            Assert.DoesNotContain(InternalName, WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        // Staff still know the campaign by its internal name, and see what each language's readers get.
        var campaignPage = await (await Security.Users.SignInAsync(_host, "officer-titles", "officer")).GetStringAsync($"/campaigns/{id}?lang=en");
        Assert.Contains(InternalName, WebUtility.HtmlDecode(campaignPage), StringComparison.Ordinal);
        Assert.Contains($"id=\"public-title-ky\" lang=\"ky\">{Kyrgyz}", campaignPage, StringComparison.Ordinal);
        Assert.Contains($"none; readers see «{Kyrgyz}»", campaignPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"no-public-title\"", campaignPage, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_campaign_created_through_the_api_without_a_title_is_flagged_before_launch_as_showing_its_internal_name()
    {
        var admin = _host.AdminClient();
        var id = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = InternalName }, HttpStatusCode.Created))["id"]!;
        var officer = await Security.Users.SignInAsync(_host, "officer-untitled", "officer");

        var page = await officer.GetStringAsync($"/campaigns/{id}?lang=en");
        Assert.Contains("id=\"no-public-title\"", page, StringComparison.Ordinal);

        // Adding a title through the API keeps the rest, and the warning goes.
        var updated = await admin.PutAsJsonAsync($"/api/campaigns/{id}", new { name = InternalName, publicTitle = new { ru = Russian } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var campaign = await admin.GetJson($"/api/campaigns/{id}");
        Assert.Equal(Russian, (string)campaign["publicTitle"]!["ru"]!);
        Assert.Null(campaign["publicTitle"]!["ky"]);
        Assert.DoesNotContain("id=\"no-public-title\"", await officer.GetStringAsync($"/campaigns/{id}?lang=en"), StringComparison.Ordinal);

        // A later change that leaves the title out keeps it.
        await admin.PutAsJsonAsync($"/api/campaigns/{id}", new { name = "Renamed" });
        Assert.Equal(Russian, (string)(await admin.GetJson($"/api/campaigns/{id}"))["publicTitle"]!["ru"]!);
    }

    [SkippableTheory]
    [InlineData("{\"ky\":\"\",\"ru\":\"  \"}", "publicTitle")]
    [InlineData("{\"ky\":\"x\",\"ru\":\"two\\nlines\"}", "publicTitle.ru")]
    [InlineData("{\"fr\":\"Nettoyons le lac\"}", "publicTitle.fr")]
    public async Task The_api_refuses_a_bad_public_title_naming_the_field_and_writes_nothing(string title, string field)
    {
        var body = $"{{\"moduleId\":\"issyk-kul\",\"name\":\"Lake\",\"publicTitle\":{title}}}";

        var response = await _host.AdminClient().PostAsync("/api/campaigns", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign"));
    }

    [SkippableFact]
    public async Task A_title_longer_than_the_limit_is_refused_for_its_language()
    {
        var response = await _host.AdminClient().PostAsJsonAsync("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "Lake", publicTitle = new { ky = Kyrgyz, en = new string('a', 121) },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"publicTitle.en\"", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("\"publicTitle.ky\"", problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_form_asks_for_a_title_in_at_least_one_language_and_stores_each_one_given()
    {
        var officer = await Security.Users.SignInAsync(_host, "officer-form-title", "officer");
        var form = await officer.GetStringAsync("/campaigns/new?module=issyk-kul&lang=en");
        Assert.Contains("id=\"PublicTitleKy\"", form, StringComparison.Ordinal);

        var refused = await officer.PostAsync("/campaigns/new", Form(form, new() { ["ModuleId"] = "issyk-kul", ["Name"] = InternalName, ["Channels"] = "email" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("at least one language", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#PublicTitleKy\"", page, StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign"));

        var created = await officer.PostAsync("/campaigns/new", Form(form, new()
        {
            ["ModuleId"] = "issyk-kul", ["Name"] = InternalName, ["Channels"] = "email", ["PublicTitleKy"] = $"  {Kyrgyz} ", ["PublicTitleRu"] = Russian, ["PublicTitleEn"] = "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = long.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var campaign = await _host.AdminClient().GetJson($"/api/campaigns/{id}");
        Assert.Equal(Kyrgyz, (string)campaign["publicTitle"]!["ky"]!);
        Assert.Equal(Russian, (string)campaign["publicTitle"]!["ru"]!);
        Assert.Null(campaign["publicTitle"]!["en"]);
        // The draft's form shows the titles back for editing.
        Assert.Contains($"id=\"PublicTitleRu\" name=\"PublicTitleRu\" value=\"{Russian}\"", await officer.GetStringAsync($"/campaigns/{id}?lang=en"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_preview_shows_the_subject_with_the_title_of_the_previewed_language()
    {
        var admin = _host.AdminClient();
        var id = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = InternalName, publicTitle = new { ky = Kyrgyz, ru = Russian } }, HttpStatusCode.Created))["id"]!;

        Assert.StartsWith(Russian, (string)(await admin.GetJson($"/api/campaigns/{id}/preview?lang=ru"))["subject"]!, StringComparison.Ordinal);
        Assert.StartsWith(Kyrgyz, (string)(await admin.GetJson($"/api/campaigns/{id}/preview?lang=ky"))["subject"]!, StringComparison.Ordinal);
        // No English title: the module's first language, Kyrgyz.
        Assert.StartsWith(Kyrgyz, (string)(await admin.GetJson($"/api/campaigns/{id}/preview?lang=en"))["subject"]!, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_certificate_delivery_campaign_has_titles_in_all_three_languages()
    {
        var oblast = _host.ClientWithKey(Certificates.CertificateTestData.CreateUser(_host, "ik-titles", "oblast", "KG-Y"));
        var holder = TestCompatriots.Insert(_host, new("Айгүл Өмүрбекова", "female", "KG-Y", "AE"));

        var issued = await oblast.PostJson("/api/certificates", new
        {
            compatriotId = holder, moduleId = "issyk-kul", kind = "gratitude", reason = "Мектепке компьютер бергени үчүн", deliverToHolder = true,
        }, HttpStatusCode.Created);

        var campaignId = (long)issued["delivery"]!["campaignId"]!;
        var campaign = await _host.AdminClient().GetJson($"/api/campaigns/{campaignId}");
        Assert.Equal("Салымыңыз үчүн ыраазычылык", (string)campaign["publicTitle"]!["ky"]!);
        Assert.Equal("Благодарность за ваш вклад", (string)campaign["publicTitle"]!["ru"]!);
        Assert.Equal("Thank you for your contribution", (string)campaign["publicTitle"]!["en"]!);
    }

    /// <summary>Creates, launches and sends an all-day Issyk-Kul e-mail campaign with <paramref name="publicTitle"/>.</summary>
    private async Task<long> LaunchAsync(HttpClient admin, object publicTitle)
    {
        var id = (long)(await admin.PostJson("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = InternalName, publicTitle, channels = new[] { "email" }, window = new { from = "00:00", to = "24:00" },
        }, HttpStatusCode.Created))["id"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        await Eventually.True(async () => (long)(await admin.GetJson($"/api/campaigns/{id}"))["counts"]!["sent"]! == 2);
        return id;
    }

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields) =>
        new(fields.Append(KeyValuePair.Create("__RequestVerificationToken", Security.Users.Token(page))));

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
