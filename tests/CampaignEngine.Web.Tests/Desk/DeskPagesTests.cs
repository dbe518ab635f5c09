using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Desk;

public sealed class DeskPagesTestsOnSqlite() : DeskPagesTests(TestHost.Sqlite);

public sealed class DeskPagesTestsOnPostgreSql() : DeskPagesTests(TestHost.PostgreSql);

/// <summary>The desk's pages as staff use them, signed in with a cookie: the list, one thread and their forms.</summary>
public abstract class DeskPagesTests(string engine) : IDisposable
{
    private readonly DeskWorld _world = engine == TestHost.PostgreSql ? new DeskWorld.OnPostgreSql() : new DeskWorld.OnSqlite();

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", Security.Users.Token(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [SkippableFact]
    public async Task The_desk_lists_overdue_threads_first_and_marked_in_the_readers_language_with_a_skip_link_and_access_keys()
    {
        var browser = await Security.Users.SignInAsync(_world.Host, "page-officer", "officer");

        var page = await browser.GetStringAsync("/desk?lang=ky");

        Assert.Contains("Кайрылуулар", page);
        Assert.Contains("class=\"skip\" href=\"#main\"", page);
        var first = page.IndexOf("data-thread=", StringComparison.Ordinal);
        Assert.Equal($"data-thread=\"{_world.QuestionToState}\"", page[first..(first + $"data-thread=\"{_world.QuestionToState}\"".Length)]);
        Assert.Contains($"id=\"overdue-{_world.QuestionToState}\"", page);
        Assert.Contains("мөөнөтү өттү", page);
        Assert.Contains("белгисиз жөнөтүүчү", page);
        Assert.DoesNotContain($"id=\"overdue-{_world.NarynQuestion}\"", page);
        Assert.Contains("accesskey=\"c\"", page);
        Assert.Contains("<label for=\"f-state\">", page);
        Assert.Contains("href=\"/desk\"", await browser.GetStringAsync("/"));
    }

    [SkippableFact]
    public async Task The_module_filter_offers_an_oblast_its_own_module_and_those_holding_its_natives_threads_and_national_staff_every_one()
    {
        // Talas's administration: its own module, and Issyk-Kul's, whose campaign the Talas native answered.
        var talas = await Security.Users.SignInAsync(_world.Host, "page-oblast-t", "oblast", "KG-T");
        var naryn = await Security.Users.SignInAsync(_world.Host, "oblast-n");
        var officer = await Security.Users.SignInAsync(_world.Host, "page-officer", "officer");

        Assert.Equal(["issyk-kul", "talas"], ModuleChoices(await talas.GetStringAsync("/desk")));
        Assert.Equal(["naryn"], ModuleChoices(await naryn.GetStringAsync("/desk")));
        Assert.Equal(_world.Host.Services.GetRequiredService<ModuleRegistry>().Enabled.Select(m => m.Manifest.Id).Order(),
            ModuleChoices(await officer.GetStringAsync("/desk")));
    }

    private static List<string> ModuleChoices(string page)
    {
        var select = page[page.IndexOf("id=\"f-module\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        return Regex.Matches(select, "<option value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Order().ToList();
    }

    [SkippableFact]
    public async Task Checked_threads_are_closed_together_and_the_list_says_how_many()
    {
        var browser = await Security.Users.SignInAsync(_world.Host, "page-officer", "officer");
        var page = await browser.GetStringAsync("/desk?channel=whatsapp");

        var response = await browser.PostAsync("/desk/bulk", Form(page,
            ("ids", $"{_world.QuestionToState}"), ("ids", $"{_world.NarynQuestion}"), ("action", "close"), ("back", "?channel=whatsapp")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/desk?channel=whatsapp&done=2&refused=0", response.Headers.Location!.ToString());
        var after = await _world.Client("admin").GetJson("/api/inbox?state=closed");
        Assert.Equal(2, (int)after["total"]!);
        var none = await browser.PostAsync("/desk/bulk", Form(page, ("action", "close")));
        Assert.Equal("/desk?bulkError=ids", none.Headers.Location!.ToString());
    }

    [SkippableFact]
    public async Task An_oblast_user_takes_a_thread_from_its_page_answers_it_and_sees_the_answer_in_the_conversation()
    {
        var browser = await Security.Users.SignInAsync(_world.Host, "oblast-y");   // signed in with the password of the world's user
        var id = _world.QuestionToState;
        var page = await browser.GetStringAsync($"/desk/{id}");
        Assert.Contains("Пенсиялык документтер", page);
        Assert.Contains("id=\"person-consents\"", page);

        var assigned = await browser.PostAsync($"/desk/{id}/assign", Form(page, ("userId", $"{_world.Users["oblast-y"].Id}")));
        var answered = await browser.PostAsync($"/desk/{id}/answer", Form(page, ("text", "Документтериңизди алып келиңиз")));
        var after = await browser.GetStringAsync($"/desk/{id}");

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Contains("class=\"line line-out\"", after);
        Assert.Contains("Документтериңизди алып келиңиз", after);
        Assert.Contains("id=\"thread-assignee\">oblast-y<", after);
        Assert.Equal(["desk.assign", "desk.answer"], _world.AuditActions(id));
    }

    [SkippableFact]
    public async Task An_empty_answer_is_refused_beside_the_form_and_nothing_is_stored()
    {
        var browser = await Security.Users.SignInAsync(_world.Host, "page-officer", "officer");
        var page = await browser.GetStringAsync($"/desk/{_world.NarynQuestion}");

        var response = await browser.PostAsync($"/desk/{_world.NarynQuestion}/answer", Form(page, ("text", "   ")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("field-error", await response.Content.ReadAsStringAsync());
        Assert.Empty(_world.AuditActions(_world.NarynQuestion));
    }

    [SkippableFact]
    public async Task An_unknown_sender_is_shown_as_such_and_linked_to_a_person_chosen_with_the_picker()
    {
        var browser = await Security.Users.SignInAsync(_world.Host, "page-officer", "officer");
        var id = _world.UnknownSender;

        var page = await browser.GetStringAsync($"/desk/{id}?find=Таласов");
        Assert.Contains("id=\"person-unknown\"", page);
        Assert.Contains(DeskWorld.UnknownPhone, WebUtility.HtmlDecode(page));
        Assert.Contains($"value=\"{_world.TalasNative}\" form=\"link-form\"", page);
        var response = await browser.PostAsync($"/desk/{id}/link", Form(page, ("compatriotId", $"{_world.TalasNative}")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await browser.GetStringAsync($"/desk/{id}");
        Assert.Contains("Бакыт Таласов", after);
        Assert.DoesNotContain("id=\"person-unknown\"", after);
    }

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }
}
