using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.MyPage;

public sealed class MyQuestionsTestsOnSqlite() : MyQuestionsTests(TestHost.Sqlite);

public sealed class MyQuestionsTestsOnPostgreSql() : MyQuestionsTests(TestHost.PostgreSql);

/// <summary>
/// "My questions" on the person's own page: their desk threads with the answers as the questions page shows them (never
/// staff's notes, events or names), and asking from there through the desk's one intake, by form or JSON, limited like
/// the question form behind a message's link.
/// </summary>
public abstract class MyQuestionsTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000", ["RateLimits:QuestionsPerLinkPerDay"] = "3" } };
    private readonly UiText _texts = new();

    private long Person(string language = "ky") =>
        TestCompatriots.Insert(_host, new("Нурлан Асанов", "male", "KG-Y", "RU", Language: language, Email: "nurlan@example.org", Channels: "whatsapp;email"));

    private async Task<long> AskJsonAsync(string token, string text) =>
        (long)(await _host.CreateClient().PostJson($"/me/{token}/ask", new { text }, HttpStatusCode.Created))["id"]!;

    [SkippableFact]
    public async Task The_page_shows_the_persons_threads_newest_first_with_the_answers_and_without_staffs_notes_events_or_names()
    {
        var token = MyPageKit.LinkOf(_host, Person());
        var admin = _host.AdminClient();
        var officer = (long)(await admin.PostJson("/api/users", new { login = "zhyldyz.officer", password = "long-password-1", role = "officer" }, HttpStatusCode.Created))["id"]!;
        var first = await AskJsonAsync(token, "Пенсия боюнча ким жардам берет?");
        await admin.PostJson($"/api/inbox/{first}/assign", new { userId = officer }, HttpStatusCode.OK);
        await admin.PostJson($"/api/inbox/{first}/note", new { text = "Ички белги: документтерин текшер" }, HttpStatusCode.OK);
        await admin.PostJson($"/api/inbox/{first}/answer", new { text = "Социалдык фондго кайрылыңыз." }, HttpStatusCode.Accepted);
        var second = await AskJsonAsync(token, "Мектептин чатыры качан бүтөт?");

        var page = WebUtility.HtmlDecode(await _host.CreateClient().GetStringAsync($"/me/{token}?lang=en"));

        Assert.Contains("id=\"questions\"", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf($"id=\"thread-{second}\"", StringComparison.Ordinal) < page.IndexOf($"id=\"thread-{first}\"", StringComparison.Ordinal),
            "the newest thread comes first");
        Assert.Contains("Социалдык фондго кайрылыңыз.", page, StringComparison.Ordinal);
        Assert.Contains(_texts.Get("en", "pub.questions.state.answered"), page, StringComparison.Ordinal);
        Assert.Contains(_texts.Get("en", "pub.questions.state.new"), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ички белги", page, StringComparison.Ordinal);
        Assert.DoesNotContain("zhyldyz", page, StringComparison.Ordinal);
        foreach (var staffLine in TestCompatriots.Strings(_host, "SELECT text FROM response_thread_message WHERE thread_id = @first AND kind IN ('note', 'event') AND text <> ''", new { first }))
            Assert.DoesNotContain(staffLine, page, StringComparison.Ordinal);
        // Events are codes (migration 0040): none of them reads on the page in the page's words either.
        var events = TestCompatriots.Strings(_host, "SELECT code || '|' || args FROM response_thread_message WHERE thread_id = @first AND code IS NOT NULL", new { first });
        Assert.NotEmpty(events);
        foreach (var stored in events.Select(e => e.Split('|', 2)))
            Assert.DoesNotContain(Web.Features.Responses.Desk.ThreadEvent.Read(stored[0], stored[1])!.Render(_texts, "en"), page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_question_asked_with_the_pages_form_is_the_persons_own_thread_and_the_page_thanks_them()
    {
        var person = Person();
        var token = MyPageKit.LinkOf(_host, person);
        var browser = MyPageKit.Browser(_host);

        var posted = await MyPageKit.PostFormAsync(browser, token, "ask", [new("Text", "Менин пенсиям боюнча ким жардам берет?")]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.EndsWith("#questions", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1L, TestCompatriots.Scalar(_host, """
            SELECT COUNT(*) FROM response_thread WHERE compatriot_id = @person AND channel = 'web' AND message_id IS NULL AND module_id = 'issyk-kul' AND state = 'new'
            """, new { person }));
        var back = WebUtility.HtmlDecode(await browser.GetStringAsync(posted.Headers.Location!.OriginalString));
        Assert.Contains("id=\"asked\"", back, StringComparison.Ordinal);
        Assert.Contains("Менин пенсиям боюнча ким жардам берет?", back, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_empty_question_on_the_form_is_refused_beside_the_field_in_the_persons_language_and_nothing_is_stored()
    {
        var person = Person(language: "ru");
        var token = MyPageKit.LinkOf(_host, person);
        var browser = MyPageKit.Browser(_host);
        var page = await browser.GetStringAsync($"/me/{token}");

        var posted = await browser.PostAsync($"/me/{token}/ask", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", Projects.ProjectTestKit.Token(page)), new("Text", "   ")]));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var refusal = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Contains(_texts.Get("ru", "pub.ask.error.empty"), refusal, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"ask-error", refusal, StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_thread WHERE compatriot_id = @person", new { person }));
    }

    [SkippableTheory]
    [InlineData("""{"text":"Вопрос","colour":"red"}""", "colour")]
    [InlineData("""{"text":"  "}""", "text")]
    public async Task A_JSON_question_with_an_unknown_field_or_no_text_is_refused_naming_the_field(string body, string field)
    {
        var token = MyPageKit.LinkOf(_host, Person());

        var response = await _host.CreateClient().PostAsync($"/me/{token}/ask", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadNode())["errors"]!.AsObject().Select(e => e.Key), StringComparer.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task A_link_that_asks_too_often_is_refused_and_an_unknown_link_opens_nothing()
    {
        var token = MyPageKit.LinkOf(_host, Person());
        for (var i = 0; i < 3; i++) await AskJsonAsync(token, $"Вопрос {i}");

        var fourth = await _host.CreateClient().PostAsJsonAsync($"/me/{token}/ask", new { text = "Ещё один" });
        var unknown = await _host.CreateClient().PostAsJsonAsync("/me/0123456789abcdef0123456789abcdef/ask", new { text = "Кто я?" });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.NotNull(fourth.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(3L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_thread"));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
