using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.MyPage;
using Microsoft.AspNetCore.Mvc.Testing;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class ImportKeepsOwnChoicesTestsOnSqlite() : ImportKeepsOwnChoicesTests(TestHost.Sqlite);

public sealed class ImportKeepsOwnChoicesTestsOnPostgreSql() : ImportKeepsOwnChoicesTests(TestHost.PostgreSql);

/// <summary>
/// A staff CSV re-import does not overwrite what a person set on their own page: their language, sectors and channel
/// consents (on or off) stay theirs, the import says per row which fields it kept and why, and every field that is
/// staff's (name, city, phone…) still updates; their cap, pause and channel order, which no import carries, stay too.
/// </summary>
public abstract class ImportKeepsOwnChoicesTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" } };

    private static string Row(string id, string name, string city, string language, string sectors, string channels) =>
        $"{id},{name},ж,1990,KG-Y,,,RU,{city},{language},3-5,yes,,{sectors},,{id}@example.org,+7 914 123-45-67,,{channels}";

    private static readonly string First = Csv(
        Row("p-1", "Айгүл Сыдыкова", "Moscow", "ru", "ict", "whatsapp;sms"),
        Row("p-2", "Нургүл Асанова", "Moscow", "ru", "ict", "whatsapp;sms"));

    // Staff's corrected file: new names and cities, another language and sectors, the same consents for both.
    private static readonly string Again = Csv(
        Row("p-1", "Айгүл Сыдыкова-Бекова", "Yakutsk", "en", "ict;trade", "whatsapp;sms"),
        Row("p-2", "Нургүл Асанова-Токтогулова", "Yakutsk", "en", "ict;trade", "whatsapp;sms"));

    [SkippableFact]
    public async Task A_reimport_keeps_the_persons_own_language_sectors_and_consents_reports_them_and_updates_the_rest()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await Import(admin, First)).Status);
        var own = Id("p-1");
        var other = Id("p-2");
        // On her page she reads Kyrgyz, cares about healthcare, wants no SMS but e-mail, at most two a month, e-mail first.
        (await MyPageKit.PostJsonAsync(_host, MyPageKit.LinkOf(_host, own), """
            {"language":"ky","sectors":["healthcare"],"channels":{"sms":false,"email":true},"maxPerMonth":2,"channelOrder":["email","whatsapp"]}
            """)).EnsureSuccessStatusCode();

        var (status, report) = await Import(admin, Again);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, report.GetProperty("updated").GetInt32());
        var kept = Assert.Single(report.GetProperty("kept").EnumerateArray());
        Assert.Equal(2, kept.GetProperty("row").GetInt32());
        Assert.Equal("p-1", kept.GetProperty("externalId").GetString());
        Assert.Equal(["language", "sectors", "channels.sms", "channels.email"], kept.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("own page", kept.GetProperty("reason").GetString(), StringComparison.Ordinal);

        var mine = Person(own);
        Assert.Equal(("ky", "healthcare"), (mine.Language, mine.Sectors));
        Assert.Equal((1L, 0L, 1L), (mine.Whatsapp, mine.Sms, mine.Email));
        // Staff's fields took the file's values.
        Assert.Equal(("Айгүл Сыдыкова-Бекова", "Yakutsk"), (mine.FullName, mine.City));
        Assert.Equal((2L, "email;whatsapp"), (Scalar<long>(_host, "SELECT max_per_month FROM directory_preference WHERE compatriot_id = @own", new { own }),
            Scalar<string>(_host, "SELECT channel_order FROM directory_preference WHERE compatriot_id = @own", new { own })));
        // The re-import changed no consent of hers, so it recorded none: only the first import's two.
        Assert.Equal(2L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_consent_event WHERE compatriot_id = @own AND source = 'import'", new { own }));

        // Someone who never opened their page is updated whole.
        var theirs = Person(other);
        Assert.Equal(("en", "ict;trade", "Нургүл Асанова-Токтогулова"), (theirs.Language, theirs.Sectors, theirs.FullName));
        Assert.Equal((1L, 1L, 0L), (theirs.Whatsapp, theirs.Sms, theirs.Email));
    }

    [SkippableFact]
    public async Task A_field_the_person_left_as_it_was_on_their_page_is_still_staffs_to_change()
    {
        var admin = _host.AdminClient();
        await Import(admin, First);
        var own = Id("p-1");
        // She only sets a pause: her language and sectors are sent as they were, which is no choice of hers.
        (await MyPageKit.PostJsonAsync(_host, MyPageKit.LinkOf(_host, own), """{"language":"ru","sectors":["ict"],"maxPerMonth":3}""")).EnsureSuccessStatusCode();

        var (_, report) = await Import(admin, Again);

        Assert.Empty(report.GetProperty("kept").EnumerateArray());
        Assert.Equal(("en", "ict;trade"), (Person(own).Language, Person(own).Sectors));
    }

    [SkippableFact]
    public async Task The_import_page_says_which_fields_it_kept_in_the_readers_language()
    {
        var admin = _host.AdminClient();
        await Import(admin, First);
        (await MyPageKit.PostJsonAsync(_host, MyPageKit.LinkOf(_host, Id("p-1")), """{"language":"ky","channels":{"sms":false}}""")).EnsureSuccessStatusCode();
        var officer = await SignInAsync();
        var token = Projects.ProjectTestKit.Token(await officer.GetStringAsync("/compatriots?lang=ru"));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Again));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "list.csv");

        var html = await (await officer.PostAsync("/compatriots/import?lang=ru", form)).Content.ReadAsStringAsync();

        var text = Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");
        Assert.Contains("Оставлено, как выбрал человек", text, StringComparison.Ordinal);
        Assert.Contains("2 p-1 язык, согласие (канал: SMS)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("p-2 язык", text, StringComparison.Ordinal);
    }

    private sealed record Stored(string FullName, string City, string Language, string? Sectors, long Whatsapp, long Sms, long Email);

    private Stored Person(long id)
    {
        using var connection = _host.OpenDatabase();
        return Dapper.SqlMapper.QuerySingle<Stored>(connection, """
            SELECT full_name AS FullName, city AS City, language AS Language, sectors AS Sectors,
                   consent_whatsapp AS Whatsapp, consent_sms AS Sms, consent_email AS Email
            FROM directory_compatriot WHERE id = @id
            """, new { id });
    }

    private long Id(string externalId) => Scalar<long>(_host, "SELECT id FROM directory_compatriot WHERE external_id = @externalId", new { externalId });

    private async Task<HttpClient> SignInAsync()
    {
        await ClientFor(_host, "import-keeper", "officer");
        var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = Projects.ProjectTestKit.Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = "import-keeper", ["Password"] = "long-enough-password", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
