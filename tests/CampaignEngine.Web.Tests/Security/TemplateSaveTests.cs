using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Security;

public sealed class TemplateSaveTestsOnSqlite() : TemplateSaveTests(TestHost.Sqlite);

public sealed class TemplateSaveTestsOnPostgreSql() : TemplateSaveTests(TestHost.PostgreSql);

/// <summary>Hostile templates through the save path: refused with line and column, nothing saved.</summary>
public abstract class TemplateSaveTests(string engine) : IDisposable
{
    private const string Url = "/api/modules/issyk-kul/templates/appeal/ky";
    private readonly TestHost _host = new(engine);

    [SkippableTheory]
    [InlineData("endless loop", "Салам!\n{{ while true }}x{{ end }}", 2)]
    [InlineData("loop past the limit", "{{ for i in 1..100000 }}{{ i }}{{ end }}", 1)]
    [InlineData("deep recursion", "{{ func f(n)\n  ret f(n + 1)\nend }}\n{{ f 1 }}", null)]
    [InlineData("huge output", "{{ for i in 1..1000 }}{{ for j in 1..1000 }}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{ end }}{{ end }}", 1)]
    [InlineData(".NET member", "{{ recipient.GetType }}", 1)]
    [InlineData(".NET member through a helper", "{{ money.GetType.Assembly }}", 1)]
    [InlineData("syntax error", "Салам, {{ recipient.first_name }}!\n{{ for x in }}", 2)]
    [InlineData("unclosed block", "{{ if true }}\nСалам", null)]
    [InlineData("a last tag never closed, which Scriban would render anyway", "Салам, {{ recipient.first_name }}!\nБарагыңыз: {{ links.me", 2)]
    [InlineData("a built-in's setting changed", "Салам!\n{{ date.format = '%Y' }}", 2)]
    [InlineData("a member added to a built-in, in a branch the trial render skips", "{{ if recipient.first_name == 'never' }}\n{{ string['kept'] = 'x' }}\n{{ end }}", 2)]
    [InlineData("a with block on a built-in", "{{ with date }}{{ format = '%Y' }}{{ end }}", 1)]
    [InlineData("a message object changed", "{{ campaign.name = 'other' }}", 1)]
    [InlineData("a catastrophic regex", "{{ regex.match 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' '^(a+)+$' }}", 1)]
    public async Task Hostile_template_is_refused_with_where_and_nothing_is_saved(string what, string text, int? line)
    {
        var admin = _host.AdminClient();
        var before = await admin.GetJson(Url);

        var response = await admin.PutAsJsonAsync(Url, new { text });

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.ReadNode();
        var errors = problem["errors"]!["text"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.NotEmpty(errors);
        Assert.Contains("column", errors[0]);
        if (line is not null) Assert.Contains($"line {line},", errors[0]);
        Assert.Equal(before.ToJsonString(), (await admin.GetJson(Url)).ToJsonString());
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM template_override"));
    }

    [SkippableFact]
    public async Task The_editor_starts_from_the_file_the_module_folder_ships_and_an_emptied_part_goes_back_to_it()
    {
        var admin = _host.AdminClient();
        var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "modules", "IssykKul", "templates", "appeal.ky.subject.sbn"));

        var subject = (await admin.GetJson(Url))["subject"]!;
        Assert.Equal((shipped, false), ((string)subject["text"]!, (bool)subject["edited"]!));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Url, new { subject = "Салам" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Url, new { subject = "" })).StatusCode);

        Assert.Equal(shipped, (string)(await admin.GetJson(Url))["subject"]!["text"]!);
    }

    [SkippableFact]
    public async Task Template_saves_are_rate_limited_per_user_and_refused_saves_count_too()
    {
        var admin = _host.AdminClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(Url, new { text = "{{ for x in }}" })).StatusCode);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Url, new { subject = $"Салам {i}" })).StatusCode);

        var refused = await admin.PutAsJsonAsync(Url, new { subject = "one too many" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("too many template saves", (string)(await refused.ReadNode())["detail"]!, StringComparison.Ordinal);
        Assert.Equal("Салам 4", (string)(await admin.GetJson(Url))["subject"]!["text"]!);
        // The limit is the user's: another officer saves at once.
        var officer = _host.ClientWithKey(await Users.CreateWithKey(_host, "second-editor", "officer"));
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync(Url, new { subject = "Салам" })).StatusCode);
    }

    [SkippableFact]
    public async Task The_page_refuses_a_save_past_the_limit_and_keeps_what_was_typed()
    {
        var browser = await Users.SignInAsync(_host, "busy-editor", "officer");
        HttpResponseMessage? last = null;
        for (var i = 0; i < 11; i++)
        {
            var form = await browser.GetStringAsync("/modules/issyk-kul/templates?language=ru");
            last = await browser.PostAsync("/modules/issyk-kul/templates", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Users.Token(form), ["name"] = "appeal", ["language"] = "ru",
                ["subject"] = $"Тема {i}",
            }));
        }
        var html = WebUtility.HtmlDecode(await last!.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Contains("too many template saves", html, StringComparison.Ordinal);
        Assert.Contains("Тема 10", html, StringComparison.Ordinal);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM template_override WHERE part = 'subject' AND text = 'Тема 9'"));
    }

    [SkippableFact]
    public async Task A_good_template_is_saved_and_used_and_a_hostile_name_stays_text_in_html()
    {
        var admin = _host.AdminClient();
        var saved = await admin.PutAsJsonAsync(Url, new
        {
            subject = "{{ module.issuer }}: {{ campaign.name }}",
            html = "<p>Урматтуу {{ recipient.first_name }}!</p><p><a href=\"{{ links.pledge }}\">Салым</a></p>",
            page = "Салам, {{ recipient.first_name }}!\n\nЖаңы текст.",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var current = await admin.GetJson(Url);
        Assert.True((bool)current["html"]!["edited"]!);
        Assert.False((bool)current["text"]!["edited"]!);

        // What a send renders now: the edited subject and HTML, the shipped text; the name stays text in HTML.
        var composer = _host.Services.GetRequiredService<MessageComposer>();
        var module = _host.Services.GetRequiredService<ModuleRegistry>().Find("issyk-kul")!;
        var message = composer.Compose(module, 7, CampaignEngine.Web.Features.Campaigns.CampaignTitle.Internal("Көл"), "appeal",
            new RecipientRow(1, "<script>alert('x')</script> Айгүл", "ky", "AE", null, "a@example.org", null, null), "token-1");
        Assert.EndsWith(": Көл", message.Subject);
        Assert.NotNull(message.Html);
        Assert.Contains("Урматтуу &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;!", message.Html);
        Assert.DoesNotContain("<script>", message.Html);
        Assert.False(string.IsNullOrWhiteSpace(message.Text));
    }

    [SkippableFact]
    public async Task Oblast_user_edits_only_its_own_regions_module_and_leaders_none()
    {
        var issykKul = _host.ClientWithKey(await Users.CreateWithKey(_host, "ik-editor", "oblast", region: "KG-Y"));
        var naryn = _host.ClientWithKey(await Users.CreateWithKey(_host, "nr-editor", "oblast", region: "KG-N"));
        var leader = _host.ClientWithKey(await Users.CreateWithKey(_host, "leader-editor", "leader", organization: true));

        Assert.Equal(HttpStatusCode.OK, (await issykKul.PutAsJsonAsync(Url, new { @short = "{{ recipient.first_name }}, {{ links.pledge }}" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await naryn.PutAsJsonAsync(Url, new { @short = "hijack" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await naryn.PutAsJsonAsync("/api/modules/national/templates/appeal/ky", new { @short = "hijack" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PutAsJsonAsync(Url, new { @short = "hijack" })).StatusCode);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM template_override"));
    }

    [SkippableFact]
    public async Task The_page_shows_errors_with_line_and_column_and_keeps_what_was_typed()
    {
        var browser = await Users.SignInAsync(_host, "page-editor", "officer");
        var form = await browser.GetStringAsync("/modules/issyk-kul/templates?language=ru");
        var response = await browser.PostAsync("/modules/issyk-kul/templates", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Users.Token(form), ["name"] = "appeal", ["language"] = "ru",
            ["subject"] = "Тема", ["text"] = "Здравствуйте!\n\n{{ for x in }}",
        }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("text: line 3, column", html);
        Assert.Contains("{{ for x in }}", html);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM template_override"));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
