using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class AskTestsOnSqlite() : AskTests(TestHost.Sqlite);

public sealed class AskTestsOnPostgreSql() : AskTests(TestHost.PostgreSql);

/// <summary>
/// "Ask the administration" on the tracked page: the form and the JSON call put the question in the desk, linked to the
/// person, the message and the campaign of the link; an empty or too long question, an unknown field and a link or
/// address that asks too often are refused, and nothing is stored then.
/// </summary>
public abstract class AskTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:QuestionsPerLinkPerDay"] = "2" } };
    private readonly UiText _texts = new();

    [SkippableFact]
    public async Task A_question_asked_with_the_form_opens_a_thread_of_the_person_and_campaign_and_thanks_them()
    {
        var (visitor, token, landing, person, campaign) = await OpenLinkAsync();
        Assert.Contains("id=\"ask-form\"", landing, StringComparison.Ordinal);

        var posted = await visitor.PostAsync($"/r/{token}/ask?lang=ky", Form(landing, "Менин пенсиям боюнча ким жардам берет?"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1, Count("""
            SELECT COUNT(*) FROM response_thread t JOIN send_message s ON s.id = t.message_id
            WHERE t.compatriot_id = @person AND t.campaign_id = @campaign AND s.token = @token AND t.channel = 'web' AND t.module_id = 'naryn' AND t.state = 'new'
            """, new { person, campaign, token }));
        var thanks = await visitor.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains(WebUtility.HtmlEncode(_texts.Get("ky", "pub.ask.thanks.title")), thanks, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("Менин пенсиям боюнча ким жардам берет?"), thanks, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_question_asked_as_JSON_answers_201_with_the_thread()
    {
        var (visitor, token, _, person, _) = await OpenLinkAsync();

        var response = await visitor.PostAsJsonAsync($"/r/{token}/ask", new { text = "Где получить справку?" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (long)(await response.ReadNode())["id"]!;
        Assert.Equal(1, Count("SELECT COUNT(*) FROM response_thread WHERE id = @id AND compatriot_id = @person", new { id, person }));
    }

    [SkippableTheory]
    [InlineData("""{"text":"Вопрос","colour":"red"}""", "colour")]
    [InlineData("""{"text":"   "}""", "text")]
    [InlineData("""{}""", "text")]
    public async Task A_JSON_question_with_an_unknown_field_or_no_text_is_refused_naming_the_field(string body, string field)
    {
        var (visitor, token, _, _, _) = await OpenLinkAsync();

        var response = await visitor.PostAsync($"/r/{token}/ask", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNode())["errors"]![field]);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM response_thread"));
    }

    [SkippableFact]
    public async Task A_question_longer_than_4000_characters_is_refused_beside_the_field_and_kept_in_it()
    {
        var (visitor, token, landing, _, _) = await OpenLinkAsync();
        var tooLong = new string('а', 4001);

        var posted = await visitor.PostAsync($"/r/{token}/ask?lang=ru", Form(landing, tooLong));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"ask-error\">{WebUtility.HtmlEncode(_texts.Get("ru", "pub.ask.error.long"))}</p>", page, StringComparison.Ordinal);
        Assert.Contains(tooLong, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostAsJsonAsync($"/r/{token}/ask", new { text = tooLong })).StatusCode);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM response_thread"));
    }

    [SkippableFact]
    public async Task A_link_that_asks_past_its_daily_bound_is_answered_429_with_when_to_try_again()
    {
        var (visitor, token, landing, _, _) = await OpenLinkAsync();

        Assert.Equal(HttpStatusCode.Created, (await visitor.PostAsJsonAsync($"/r/{token}/ask", new { text = "Первый вопрос" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.PostAsync($"/r/{token}/ask?lang=ru", Form(landing, "Второй вопрос"))).StatusCode);
        var third = await visitor.PostAsync($"/r/{token}/ask?lang=ru", Form(landing, "Третий вопрос"));
        var fourth = await visitor.PostAsJsonAsync($"/r/{token}/ask", new { text = "Четвёртый вопрос" });

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Contains(WebUtility.HtmlEncode(_texts.Get("ru", "pub.ask.error.limit")), await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal(2, Count("SELECT COUNT(*) FROM response_thread"));
    }

    [SkippableFact]
    public async Task An_unknown_link_asks_nothing()
    {
        var (visitor, _, landing, _, _) = await OpenLinkAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsJsonAsync($"/r/{new string('0', 32)}/ask", new { text = "Вопрос" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsync($"/r/{new string('0', 32)}/ask", Form(landing, "Вопрос"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/r/{new string('0', 32)}/questions")).StatusCode);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM response_thread"));
    }

    private async Task<(HttpClient Visitor, string Token, string Landing, long Person, long Campaign)> OpenLinkAsync()
    {
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE", "ky"));
        var (campaign, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);
        var visitor = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        return (visitor, tokens[person], await visitor.GetStringAsync($"/r/{tokens[person]}"), person, campaign);
    }

    private static FormUrlEncodedContent Form(string landing, string text) =>
        new([KeyValuePair.Create("__RequestVerificationToken", ProjectTestKit.Token(landing)), KeyValuePair.Create("Text", text)]);

    private long Count(string sql, object? parameters = null) => TestCompatriots.Scalar(_host, sql, parameters);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
