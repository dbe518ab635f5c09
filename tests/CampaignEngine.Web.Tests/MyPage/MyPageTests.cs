using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.MyPage;

public sealed class MyPageTestsOnSqlite() : MyPageTests(TestHost.Sqlite);

public sealed class MyPageTestsOnPostgreSql() : MyPageTests(TestHost.PostgreSql);

/// <summary>The person's own page: its link, its languages, the neutral answer to every link that opens nobody, and its preferences.</summary>
public abstract class MyPageTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" } };

    private long Person(string channels = "whatsapp;sms;email", string language = "ky") =>
        TestCompatriots.Insert(_host, new("Айгүл Сатыбалдиева", "female", "KG-Y", "AE", Language: language, Email: "aigul@example.org", Channels: channels));

    [SkippableFact]
    public async Task The_page_speaks_the_persons_language_and_switches_to_the_other_two()
    {
        var token = MyPageKit.LinkOf(_host, Person(language: "ky"));
        var anonymous = _host.CreateClient();

        var kyrgyz = await anonymous.GetStringAsync($"/me/{token}");
        var russian = await anonymous.GetStringAsync($"/me/{token}?lang=ru");
        var english = await anonymous.GetStringAsync($"/me/{token}?lang=en");

        Assert.Contains("Саламатсызбы, Айгүл", kyrgyz, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ky\"", kyrgyz, StringComparison.Ordinal);
        Assert.Contains("Здравствуйте, Айгүл", russian, StringComparison.Ordinal);
        Assert.Contains("Hello, Айгүл", english, StringComparison.Ordinal);
        Assert.Contains("Where may we write to you?", english, StringComparison.Ordinal);
        foreach (var page in new[] { kyrgyz, russian, english })
        {
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [SkippableFact]
    public async Task An_unknown_a_rotated_and_an_erased_persons_link_get_the_same_neutral_page_with_404()
    {
        var rotatedPerson = Person();
        var old = MyPageKit.LinkOf(_host, rotatedPerson);
        var browser = MyPageKit.Browser(_host);
        var rotation = await MyPageKit.PostFormAsync(browser, old, "rotate", []);
        Assert.Equal(HttpStatusCode.Redirect, rotation.StatusCode);
        var fresh = rotation.Headers.Location!.ToString().Split('/', '?')[2];
        Assert.NotEqual(old, fresh);
        Assert.Equal(32, fresh.Length);
        var erasedPerson = Person();
        var erased = MyPageKit.LinkOf(_host, erasedPerson);
        (await _host.AdminClient().DeleteAsync($"/api/compatriots/{erasedPerson}")).EnsureSuccessStatusCode();

        var anonymous = _host.CreateClient();
        var answers = new List<string>();
        foreach (var token in new[] { "0123456789abcdef0123456789abcdef", old, erased })
        {
            using var response = await anonymous.GetAsync($"/me/{token}?lang=en");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Single(answers.Distinct());
        Assert.Contains("Hello", await anonymous.GetStringAsync($"/me/{fresh}?lang=en"), StringComparison.Ordinal);
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'me.rotate'"));
    }

    [SkippableFact]
    public async Task Turning_sms_off_on_the_form_records_a_self_withdrawal_and_skips_the_sms_still_queued()
    {
        var person = Person(channels: "sms;email");
        var campaign = await MyPageKit.CampaignAsync(_host, "Queued", "sms");
        await _host.AdminClient().PostJson($"/api/campaigns/{campaign}/launch", new { at = DateTimeOffset.UtcNow.AddDays(1) }, HttpStatusCode.Accepted);
        var token = MyPageKit.LinkOf(_host, person);

        var saved = await MyPageKit.PostFormAsync(MyPageKit.Browser(_host), token, "preferences",
            [new("Channels", "email"), new("Language", "ru"), new("MaxPerMonth", "1"), new("Country", "AE")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT consent_sms FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(1L, TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM directory_consent_event WHERE compatriot_id = @person AND channel = 'sms' AND granted = 0 AND source = 'self'", new { person }));
        Assert.Equal(1L, TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM send_message WHERE compatriot_id = @person AND channel = 'sms' AND status = 'skipped' AND error = 'opted-out'", new { person }));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT max_per_month FROM directory_preference WHERE compatriot_id = @person", new { person }));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT language = 'ru' FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'me.preferences' AND subject = @subject", new { subject = $"compatriot/{person}" }));
        Assert.Contains("Saved.", await _host.CreateClient().GetStringAsync(saved.Headers.Location!.ToString()), StringComparison.Ordinal);
        // Opened again without a chosen language, the page greets them in the one they chose.
        Assert.Contains("Здравствуйте", await _host.CreateClient().GetStringAsync($"/me/{token}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_bad_value_on_the_form_is_refused_beside_its_field_and_nothing_is_saved()
    {
        var person = Person();
        var token = MyPageKit.LinkOf(_host, person);

        var refused = await MyPageKit.PostFormAsync(MyPageKit.Browser(_host), token, "preferences",
            [new("Channels", "sms"), new("MaxPerMonth", "twice"), new("PausedUntil", "2020-01-01"), new("Country", "AE")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"maxPerMonth-error\"", page, StringComparison.Ordinal);
        Assert.Contains("Write a whole number from 1 to 100", page, StringComparison.Ordinal);
        Assert.Contains("id=\"pausedUntil-error\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"twice\"", page, StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM directory_preference"));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT consent_whatsapp FROM directory_compatriot WHERE id = @person", new { person }));
    }

    [SkippableFact]
    public async Task Json_preferences_change_what_they_name_and_refuse_unknown_fields_and_bad_values_by_name()
    {
        var person = Person(channels: "whatsapp;sms;email");
        var token = MyPageKit.LinkOf(_host, person);

        var unknown = await MyPageKit.PostJsonAsync(_host, token, """{"maxPerMonth":2,"fax":true}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("fax", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var nested = await MyPageKit.PostJsonAsync(_host, token, """{"channels":{"pigeon":true}}""");
        Assert.Contains("channels.pigeon", await nested.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bad = await MyPageKit.PostJsonAsync(_host, token, """{"maxPerMonth":0,"channelOrder":["sms","sms"],"language":"de","sectors":["moon"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.ReadNode();
        foreach (var field in new[] { "maxPerMonth", "channelOrder", "language", "sectors" }) Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM directory_preference"));

        var saved = await MyPageKit.PostJsonAsync(_host, token,
            """{"channels":{"sms":false},"channelOrder":["email","whatsapp"],"maxPerMonth":3,"pausedUntil":null,"country":"DE"}""");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var now = await saved.ReadNode();
        Assert.False((bool)now["channels"]!["sms"]!);
        Assert.True((bool)now["channels"]!["whatsapp"]!);
        Assert.Equal(3, (int)now["maxPerMonth"]!);
        Assert.Equal("email", (string)now["channelOrder"]![0]!);
        Assert.Equal("country", (string)now["proposed"]![0]!["field"]!);
        // Left out is kept: a second body that names only the cap removes it and changes nothing else.
        var second = await (await MyPageKit.PostJsonAsync(_host, token, """{"maxPerMonth":null}""")).ReadNode();
        Assert.Null(second["maxPerMonth"]);
        Assert.Equal("email", (string)second["channelOrder"]![0]!);
        Assert.Equal(1L, TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM directory_consent_event WHERE compatriot_id = @person AND channel = 'sms' AND source = 'self'", new { person }));
        Assert.Equal("AE", Country(person));
    }

    [SkippableFact]
    public async Task A_proposed_country_waits_for_staff_who_accept_it_on_the_persons_page_and_the_directory_changes()
    {
        var person = Person();
        var token = MyPageKit.LinkOf(_host, person);
        (await MyPageKit.PostJsonAsync(_host, token, """{"country":"DE","homeRegion":"KG-N"}""")).EnsureSuccessStatusCode();
        var officer = await Security.Users.SignInAsync(_host, "me-officer", "officer");

        var staffPage = await officer.GetStringAsync($"/compatriots/{person}");
        Assert.Contains("id=\"changes\"", staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain(token, staffPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/compatriots/{person}\"", await officer.GetStringAsync("/compatriots"), StringComparison.Ordinal);
        var country = TestCompatriots.Scalar(_host, "SELECT id FROM directory_proposed_change WHERE field = 'country'");
        var region = TestCompatriots.Scalar(_host, "SELECT id FROM directory_proposed_change WHERE field = 'home_region'");
        var form = Security.Users.Token(staffPage);
        await officer.PostAsync($"/compatriots/{person}/changes/{country}/accept", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = form }));
        await officer.PostAsync($"/compatriots/{person}/changes/{region}/reject", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = form }));

        Assert.Equal("DE", Country(person));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT time_zone = 'Europe/Berlin' FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT home_region = 'KG-Y' FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(2L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action IN ('compatriot.change.accept', 'compatriot.change.reject')"));
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM directory_proposed_change WHERE state = 'proposed'"));
    }

    private string Country(long person)
    {
        using var connection = _host.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT country FROM directory_compatriot WHERE id = {person}";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
