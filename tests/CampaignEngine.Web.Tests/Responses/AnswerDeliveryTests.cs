using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class AnswerDeliveryTestsOnSqlite() : AnswerDeliveryTests(TestHost.Sqlite);

public sealed class AnswerDeliveryTestsOnPostgreSql() : AnswerDeliveryTests(TestHost.PostgreSql);

/// <summary>
/// An answer goes back the way the question came, through the send ledger: WhatsApp as free text inside its 24-hour
/// window and as the approved answer template outside it, Telegram and SMS as text (SMS shortened, with the link), and
/// e-mail as a reply in the person's own thread. A person who opted out gets nothing, and the desk says so; a delivery
/// job that runs twice sends once; the page behind the person's link shows the answer, in their language.
/// </summary>
public abstract class AnswerDeliveryTests(string engine)
{
    private const string Answer = "Саламатсызбы! Пенсия боюнча документтериңизди Бишкектеги Социалдык фонддун кеңсесине алып келиңиз.";

    [SkippableFact]
    public async Task A_WhatsApp_question_of_an_hour_ago_is_answered_in_free_text()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var person = desk.Person("Нурлан Асанов", "ky", "whatsapp");
        var thread = desk.Ask(person, "whatsapp", DateTimeOffset.UtcNow.AddHours(-1));

        var row = await desk.DeliverAsync(desk.Answer(thread.ThreadId, Answer));

        Assert.Equal("sent", row.Status);
        var body = JsonNode.Parse(Assert.Single(desk.Requests("whatsapp")))!;
        Assert.Equal("text", (string)body["type"]!);
        Assert.Contains(Answer, (string)body["text"]!["body"]!, StringComparison.Ordinal);
        Assert.Contains($"/r/{row.Token}/questions", (string)body["text"]!["body"]!, StringComparison.Ordinal);
        Assert.Null(body["template"]);
    }

    [SkippableFact]
    public async Task A_WhatsApp_question_older_than_a_day_is_answered_with_the_template_that_links_to_the_answer_page()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var person = desk.Person("Нурлан Асанов", "ky", "whatsapp");
        var thread = desk.Ask(person, "whatsapp", DateTimeOffset.UtcNow.AddHours(-30));

        var row = await desk.DeliverAsync(desk.Answer(thread.ThreadId, Answer));

        var body = JsonNode.Parse(Assert.Single(desk.Requests("whatsapp")))!;
        Assert.Equal("template", (string)body["type"]!);
        Assert.Equal(AnswerHost.AnswerTemplate, (string)body["template"]!["name"]!);
        Assert.Equal("ky", (string)body["template"]!["language"]!["code"]!);
        var parameters = body["template"]!["components"]![0]!["parameters"]!.AsArray();
        Assert.Equal("Нурлан", (string)parameters[0]!["text"]!);
        Assert.Equal($"http://localhost/r/{row.Token}/questions", (string)parameters[1]!["text"]!);
        Assert.DoesNotContain(Answer, body.ToJsonString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Telegram_gets_the_whole_text_and_SMS_a_shortened_text_with_the_link()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var onTelegram = desk.Person("Айгүл Токтосунова", "ru", "telegram", telegram: "777001");
        var onSms = desk.Person("Бакыт Осмонов", "ru", "sms");
        var longAnswer = string.Concat(Enumerable.Repeat("Ответ на ваш вопрос о пенсии. ", 30));

        await desk.DeliverAsync(desk.Answer(desk.Ask(onTelegram, "telegram", DateTimeOffset.UtcNow.AddDays(-3)).ThreadId, longAnswer));
        var sms = await desk.DeliverAsync(desk.Answer(desk.Ask(onSms, "sms", DateTimeOffset.UtcNow.AddDays(-3)).ThreadId, longAnswer));

        var telegram = JsonNode.Parse(Assert.Single(desk.Requests("telegram")))!;
        Assert.Contains(longAnswer.Trim(), (string)telegram["text"]!, StringComparison.Ordinal);
        var text = (string)JsonNode.Parse(Assert.Single(desk.Requests("sms")))!["text"]!;
        Assert.DoesNotContain(longAnswer.Trim(), text, StringComparison.Ordinal);
        Assert.StartsWith(longAnswer[..100], text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
        Assert.EndsWith($"http://localhost/r/{sms.Token}/questions", text.Trim(), StringComparison.Ordinal);
        Assert.True(text.Length < 320, $"an SMS answer of {text.Length} characters");
    }

    [SkippableFact]
    public async Task An_email_answer_replies_in_the_persons_own_thread()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var person = desk.Person("Бермет Садыкова", "ru", "email", phone: null, email: "bermet@example.org");
        var thread = desk.Ask(person, "email", DateTimeOffset.UtcNow.AddHours(-2), "<CAF=their.id@mail.example.org>", "Пенсия из России");

        var row = await desk.DeliverAsync(desk.Answer(thread.ThreadId, "Здравствуйте, {{ recipient.first_name }}! Документы принимает Социальный фонд."));

        Assert.Equal("sent", row.Status);
        var mail = Assert.Single(desk.Smtp.Messages());
        Assert.Equal("bermet@example.org", mail.To.Mailboxes.Single().Address);
        Assert.Equal("CAF=their.id@mail.example.org", mail.InReplyTo);
        Assert.Contains("CAF=their.id@mail.example.org", mail.References);
        Assert.Equal("Re: Пенсия из России", mail.Subject);
        // The answer was rendered for the person before it was stored: the e-mail carries their name, not the Scriban.
        Assert.Contains("Здравствуйте, Бермет! Документы принимает Социальный фонд.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/r/{row.Token}/questions", mail.TextBody, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_person_who_opted_out_of_the_channel_gets_no_message_and_the_thread_says_so()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var person = desk.Person("Нурлан Асанов", "ky", "whatsapp");
        var thread = desk.Ask(person, "whatsapp", DateTimeOffset.UtcNow.AddHours(-1));
        desk.Scalar<long>("UPDATE directory_compatriot SET consent_whatsapp = 0 WHERE id = @person", new { person });

        var row = await desk.DeliverAsync(desk.Answer(thread.ThreadId, Answer));

        Assert.Equal("skipped", row.Status);
        Assert.Equal("opted-out", row.Error);
        Assert.Empty(desk.Requests("whatsapp"));
        Assert.Empty(desk.Smtp.Messages());
        // The event's values are JSON text on both engines: read here, not with an engine's JSON operator.
        const string Undelivered = "FROM response_thread_message WHERE thread_id = @ThreadId AND kind = 'event' AND code = 'answer-undelivered'";
        Assert.Equal(1, desk.Scalar<long>($"SELECT COUNT(*) {Undelivered}", thread));
        Assert.Equal("opted-out", (string?)JsonNode.Parse(desk.Scalar<string>($"SELECT args {Undelivered}", thread))!["reason"]);
    }

    [SkippableFact]
    public async Task A_delivery_job_that_runs_again_sends_nothing_more()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var person = desk.Person("Нурлан Асанов", "ky", "whatsapp");
        var answerId = desk.Answer(desk.Ask(person, "whatsapp", DateTimeOffset.UtcNow.AddHours(-1)).ThreadId, Answer);

        // The host's own job runs too (Hangfire), beside these two runs of the same job.
        var first = await desk.DeliverAsync(answerId);
        var second = await desk.DeliverAsync(answerId);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, desk.Scalar<long>("SELECT COUNT(*) FROM campaign WHERE purpose = 'desk-answer'"));
        Assert.Equal(1, desk.Scalar<long>("SELECT COUNT(*) FROM send_message m JOIN campaign c ON c.id = m.campaign_id WHERE c.purpose = 'desk-answer'"));
        Assert.Single(desk.Requests("whatsapp"));
    }

    [SkippableFact]
    public async Task A_question_from_the_landing_page_is_answered_on_the_channel_of_its_link_and_read_on_the_page_in_the_persons_language()
    {
        using var desk = await AnswerHost.StartAsync(engine);
        var person = desk.Person("Нурлан Асанов", "ky", "whatsapp;email", email: "nurlan@example.org");
        // On the channel host's database directly: starting its plain TestHost would run a second host without the
        // channels' settings, whose dispatch sweep could send the answer to the file outbox before this host does.
        Dictionary<long, string> tokens;
        using (var connection = desk.Host.Root.OpenDatabase())
            (_, tokens) = Projects.ProjectTestKit.DeliveredCampaign(connection, "issyk-kul", person);
        var linkMessage = desk.Scalar<long>("SELECT id FROM send_message WHERE token = @token", new { token = tokens[person] });
        var thread = desk.Ask(person, "web", DateTimeOffset.UtcNow.AddDays(-2), messageId: linkMessage);
        new DeskNote(desk).Write(thread.ThreadId, "Internal: check with the Social Fund first");

        var row = await desk.DeliverAsync(desk.Answer(thread.ThreadId, Answer));

        Assert.Equal("whatsapp", desk.Scalar<string>("SELECT channel FROM send_message WHERE id = @Id", row));
        Assert.Single(desk.Requests("whatsapp"));
        using var visitor = desk.Host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        var page = await visitor.GetStringAsync($"/r/{row.Token}");
        Assert.Contains("Сиздин суроолоруңуз", page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("Менин пенсиям боюнча ким жардам берет?"), page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Answer), page, StringComparison.Ordinal);
        Assert.Contains("Ысык-Көл облусунун администрациясы", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal", page, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", page, StringComparison.Ordinal);
    }

    /// <summary>Staff's internal note, which the person's page must never show.</summary>
    private sealed class DeskNote(AnswerHost desk)
    {
        public void Write(long threadId, string text) =>
            Assert.True(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<CampaignEngine.Web.Features.Responses.Desk.DeskThreads>(desk.Host.Factory.Services).Note(desk.Admin, threadId, text).Ok);
    }
}
