using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class SavedRepliesTestsOnSqlite() : SavedRepliesTests(TestHost.Sqlite);

public sealed class SavedRepliesTestsOnPostgreSql() : SavedRepliesTests(TestHost.PostgreSql);

/// <summary>
/// Saved replies per module and language, checked in the template sandbox before they are stored, and the preview of
/// an answer (typed or saved) rendered in the person's language with their values, exactly as it is then stored.
/// </summary>
public abstract class SavedRepliesTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_saved_reply_is_previewed_in_the_persons_language_with_their_values()
    {
        var admin = _host.AdminClient();
        await admin.PostJson("/api/inbox/saved-replies", new { moduleId = "issyk-kul", language = "ru", title = "Pension", text = "Здравствуйте, {{ recipient.first_name }}!" }, HttpStatusCode.Created);
        var kyrgyz = await admin.PostJson("/api/inbox/saved-replies",
            new { moduleId = "issyk-kul", language = "ky", title = "Pension", text = "Саламатсызбы, {{ recipient.first_name }}! {{ module.issuer }}." }, HttpStatusCode.Created);
        var russianId = (long)(await admin.GetJson("/api/inbox/saved-replies?language=ru"))["items"]![0]!["id"]!;
        var thread = Question("Нурлан Асанов", "ky");

        var preview = await admin.PostJson($"/api/inbox/{thread}/preview", new { savedReplyId = russianId }, HttpStatusCode.OK);

        Assert.Equal("ky", (string)preview["language"]!);
        Assert.Equal("Саламатсызбы, Нурлан! Ысык-Көл облусунун администрациясы.", (string)preview["text"]!);
        // The reply is kept as written: it is rendered for each person it answers.
        Assert.Equal("Саламатсызбы, {{ recipient.first_name }}! {{ module.issuer }}.", (string)kyrgyz["text"]!);
        var typed = await admin.PostJson($"/api/inbox/{thread}/preview", new { text = "{{ recipient.first_name }}, жооп даяр." }, HttpStatusCode.OK);
        Assert.Equal("Нурлан, жооп даяр.", (string)typed["text"]!);
    }

    [SkippableTheory]
    [InlineData("""{"moduleId":"issyk-kul","language":"ru","title":"Broken","text":"{{ if recipient.first_name }}Здравствуйте"}""", "text")]
    [InlineData("""{"moduleId":"issyk-kul","language":"ru","title":"Writes","text":"{{ date.format = 'x' }}"}""", "text")]
    [InlineData("""{"moduleId":"issyk-kul","language":"de","title":"German","text":"Hallo"}""", "language")]
    [InlineData("""{"moduleId":"nowhere","language":"ru","title":"Nowhere","text":"Здравствуйте"}""", "moduleId")]
    [InlineData("""{"moduleId":"issyk-kul","language":"ru","title":"Extra","text":"Здравствуйте","colour":"red"}""", "colour")]
    public async Task A_saved_reply_that_breaks_or_names_no_module_or_language_is_refused_naming_the_field(string body, string field)
    {
        var response = await _host.AdminClient().PostAsync("/api/inbox/saved-replies", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNode())["errors"]![field]);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_saved_reply"));
    }

    [SkippableFact]
    public async Task A_saved_reply_is_changed_and_deleted_and_each_change_is_audited()
    {
        var admin = _host.AdminClient();
        var id = (long)(await admin.PostJson("/api/inbox/saved-replies", new { moduleId = "naryn", language = "en", title = "Thanks", text = "Thank you." }, HttpStatusCode.Created))["id"]!;

        var changed = await admin.PutAsync($"/api/inbox/saved-replies/{id}", System.Net.Http.Json.JsonContent.Create(new { moduleId = "naryn", language = "en", title = "Thanks", text = "Thank you, {{ recipient.first_name }}." }));
        var deleted = await admin.DeleteAsync($"/api/inbox/saved-replies/{id}");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/inbox/saved-replies/{id}")).StatusCode);
        await Eventually.True(() => Task.FromResult(TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'desk.saved-reply.%'") == 3));
    }

    [SkippableFact]
    public async Task An_answer_is_stored_as_the_preview_showed_it()
    {
        var thread = Question("Айгүл Токтосунова", "ru");
        var admin = _host.AdminClient();
        var preview = await admin.PostJson($"/api/inbox/{thread}/preview", new { text = "{{ recipient.first_name }}, ответ готов." }, HttpStatusCode.OK);

        var desk = _host.Services.GetRequiredService<CampaignEngine.Web.Features.Responses.Desk.DeskThreads>();
        var user = new CampaignEngine.Web.Features.Auth.CurrentUser(TestCompatriots.Scalar(_host, "SELECT id FROM auth_user WHERE login = 'admin'"), "admin", "admin", null, null);
        var outcome = desk.Answer(user, thread, "{{ recipient.first_name }}, ответ готов.");

        Assert.True(outcome.Ok);
        Assert.Equal((string)preview["text"]!, Stored(outcome.MessageId!.Value));
        // An answer whose Scriban does not parse is refused naming the text, and nothing is stored.
        var broken = desk.Answer(user, thread, "{{ if recipient.first_name }}ответ");
        Assert.Equal("text", broken.Field);
    }

    private long Question(string name, string language)
    {
        var person = TestCompatriots.Insert(_host, new(name, "male", "KG-Y", "AE", language));
        return _host.Services.GetRequiredService<CampaignEngine.Web.Features.Responses.Desk.DeskIntake>()
            .Receive(new CampaignEngine.Web.Features.Responses.Desk.InboundItem("whatsapp", "Вопрос", DateTimeOffset.UtcNow) { CompatriotId = person })!.ThreadId;
    }

    private string Stored(long messageId)
    {
        using var connection = _host.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT text FROM response_thread_message WHERE id = {messageId}";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
