using System.Net;
using System.Text;
using CampaignEngine.Web.Features.Webhooks;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Responses;

namespace CampaignEngine.Web.Tests.Webhooks;

public sealed class EmailWebhookTestsOnSqlite() : EmailWebhookTests(TestHost.Sqlite);

public sealed class EmailWebhookTestsOnPostgreSql() : EmailWebhookTests(TestHost.PostgreSql);

/// <summary><c>POST /webhooks/email</c>: a mail provider's inbound route posting a raw MIME reply, signed.</summary>
public abstract class EmailWebhookTests(string engine) : IDisposable
{
    private readonly DeskHost _desk = new(engine);

    [SkippableFact]
    public async Task A_signed_reply_from_a_known_address_reaches_the_desk_as_the_persons_words_without_the_quoted_appeal()
    {
        var person = _desk.Person("Айгүл Асанова", email: "Aigul.Asanova@example.org", channels: "email");
        var mime = DeskIntakeTests.Mime("aigul.asanova@EXAMPLE.org", "<r-1@mail.example.org>", "Re: Таза көл", """
            Саламатсызбы! Мен 2 күн жардам бере алам.

            Айгүл
            --
            Aigul Asanova, Dubai

            On Tue, 1 Dec 2026 at 10:00, Issyk-Kul appeals <appeals@example.kg> wrote:
            > Урматтуу Айгүл, көлдүн жээгин тазалоого жардам бериңиз.
            """);

        var response = await _desk.PostEmail(mime);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("received", (string)(await response.ReadNode())["outcome"]!);
        var thread = Assert.Single(_desk.Threads());
        Assert.Equal(person, thread.CompatriotId);
        Assert.Equal("email", thread.Channel);
        Assert.Equal("r-1@mail.example.org", thread.EmailReference);
        Assert.Equal("Саламатсызбы! Мен 2 күн жардам бере алам.\n\nАйгүл", Assert.Single(_desk.MessagesOf(thread.Id)));
        Assert.Equal(1, _desk.Scalar("SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @person AND channel = 'email'", new { person }));
    }

    [SkippableFact]
    public async Task A_reply_whose_in_reply_to_names_our_message_answers_that_message_and_campaign_whoever_sends_it()
    {
        var person = _desk.Person("Бермет Токтогулова", email: "bermet@example.org", channels: "email");
        var (campaign, message) = await _desk.SentTo(person, "email");
        _desk.SetProviderId(message, $"{message}.abcdef12@campaign-engine");

        // She answers from her work address, which the directory does not know.
        await _desk.PostEmail(DeskIntakeTests.Mime("b.toktogulova@work.example.com", "<r-2@work.example.com>", "Re: Lake", "Кантип катышсам болот?", $"{message}.abcdef12@campaign-engine"));

        var thread = Assert.Single(_desk.Threads());
        Assert.Equal((person, campaign, message), (thread.CompatriotId, thread.CampaignId, thread.MessageId));
        Assert.Null(thread.UnknownSender);
    }

    [SkippableFact]
    public async Task An_html_only_reply_is_read_as_text_without_the_quoted_blockquote()
    {
        var html = "From: stranger@example.org\r\nSubject: Суроо\r\nMessage-ID: <h-1@example.org>\r\nMIME-Version: 1.0\r\n" +
                   "Content-Type: text/html; charset=utf-8\r\n\r\n" +
                   "<html><head><style>p{color:red}</style></head><body><p>Пенсия боюнча</p><p>ким жооп берет?</p>" +
                   "<blockquote>Урматтуу жердеш …</blockquote></body></html>\r\n";
        await _desk.PostEmail(html);
        var thread = Assert.Single(_desk.Threads());
        Assert.Equal("Пенсия боюнча\n\nким жооп берет?", Assert.Single(_desk.MessagesOf(thread.Id)));
        Assert.Equal("stranger@example.org", thread.UnknownSender);
    }

    [SkippableFact]
    public async Task The_same_message_id_again_is_acknowledged_and_changes_nothing()
    {
        var person = _desk.Person("Нурлан Осмонов", email: "nurlan@example.org", channels: "email");
        var mime = DeskIntakeTests.Mime("nurlan@example.org", "<same@example.org>", "Суроо", "Документтер боюнча суроо");
        Assert.Equal("received", (string)(await (await _desk.PostEmail(mime)).ReadNode())["outcome"]!);

        // Replayed as it was, and re-sent by the provider with other bytes (a new Received header) under the same Message-ID.
        var replay = await _desk.PostEmail(mime);
        var resent = await _desk.PostEmail("Received: from mx2.example.org\r\n" + mime);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("repeated", (string)(await replay.ReadNode())["outcome"]!);
        Assert.Equal("repeated", (string)(await resent.ReadNode())["outcome"]!);
        Assert.Single(_desk.MessagesOf(Assert.Single(_desk.Threads()).Id));
        Assert.Equal(1, _desk.Scalar("SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @person", new { person }));
    }

    [SkippableFact]
    public async Task An_unsigned_or_wrongly_signed_message_is_refused_and_changes_nothing()
    {
        var mime = DeskIntakeTests.Mime("stranger@example.org", "<x-1@example.org>", "Hi", "Hello");
        using var unsigned = new StringContent(mime, Encoding.UTF8, "message/rfc822");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _desk.App.CreateClient().PostAsync("/webhooks/email", unsigned)).StatusCode);
        var wrong = await _desk.PostSigned("email", mime, "not-the-secret", "X-Signature", "message/rfc822");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(_desk.Threads());
    }

    [SkippableFact]
    public async Task Without_a_secret_the_endpoint_refuses_everything()
    {
        using var body = new StringContent(DeskIntakeTests.Mime("a@example.org", "<x-2@example.org>", "Hi", "Hello"), Encoding.UTF8, "message/rfc822");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _desk.Unconfigured.CreateClient().PostAsync("/webhooks/email", body)).StatusCode);
    }

    [SkippableFact]
    public async Task A_message_over_one_megabyte_is_refused()
    {
        var huge = DeskIntakeTests.Mime("a@example.org", "<big@example.org>", "Big", new string('x', WebhooksController.MaxBody));
        var response = await _desk.PostEmail(huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_desk.Threads());
    }

    [SkippableFact]
    public async Task A_body_with_no_sender_is_refused_naming_the_from_address()
    {
        var response = await _desk.PostEmail("Subject: nothing\r\nMessage-ID: <n-1@example.org>\r\n\r\nno sender\r\n");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("From", await response.Content.ReadAsStringAsync());
    }

    [SkippableTheory]
    [InlineData("Auto-Submitted: auto-replied\r\n", "Re: Lake", "auto-reply")]
    [InlineData("Precedence: bulk\r\n", "Re: Lake", "auto-reply")]
    [InlineData("", "Автоматический ответ: Re: Lake", "auto-reply")]
    [InlineData("", "Out of Office: Re: Lake", "auto-reply")]
    [InlineData("Return-Path: <>\r\n", "Undelivered Mail Returned to Sender", "bounce")]
    public async Task Automatic_mail_and_bounces_are_acknowledged_and_are_no_desk_items(string header, string subject, string outcome)
    {
        var response = await _desk.PostEmail(header + DeskIntakeTests.Mime("someone@example.org", "<auto@example.org>", subject, "I am away until Monday."));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(outcome, (string)(await response.ReadNode())["outcome"]!);
        Assert.Empty(_desk.Threads());
    }

    public void Dispose()
    {
        _desk.Dispose();
        GC.SuppressFinalize(this);
    }
}
