using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class DeskIntakeTestsOnSqlite() : DeskIntakeTests(TestHost.Sqlite);

public sealed class DeskIntakeTestsOnPostgreSql() : DeskIntakeTests(TestHost.PostgreSql);

/// <summary>What the desk's intake makes of what arrives: which thread a message joins, and what it is linked to.</summary>
public abstract class DeskIntakeTests(string engine) : IDisposable
{
    private readonly DeskHost _desk = new(engine);

    private DeskIntake Intake => _desk.App.Services.GetRequiredService<DeskIntake>();

    [SkippableFact]
    public void A_reply_joins_the_persons_active_thread_and_reopens_an_answered_one_to_its_assignee()
    {
        var person = _desk.Person("Айгүл Асанова", phone: "+971501110001");
        var now = DateTimeOffset.UtcNow;
        var first = Intake.Receive(new InboundItem("whatsapp", "Пенсия боюнча суроо", now) { CompatriotId = person })!;
        var second = Intake.Receive(new InboundItem("whatsapp", "Дагы бир суроо", now.AddMinutes(5)) { CompatriotId = person })!;
        Assert.True(first.Opened);
        Assert.False(second.Opened);
        Assert.Equal(first.ThreadId, second.ThreadId);

        var admin = Admin();
        Assert.True(_desk.App.Services.GetRequiredService<DeskThreads>().Answer(admin, first.ThreadId, "Жооп").Ok);
        Assert.Equal("answered", _desk.Threads().Single().State);

        var third = Intake.Receive(new InboundItem("whatsapp", "Рахмат, бирок дагы суроо бар", now.AddDays(3)) { CompatriotId = person })!;
        var thread = Assert.Single(_desk.Threads());
        Assert.Equal(first.ThreadId, third.ThreadId);
        Assert.Equal("assigned", thread.State);
        Assert.Equal(admin.Id, thread.AssigneeId);
        Assert.NotNull(thread.DueAt);
        Assert.Equal(["Пенсия боюнча суроо", "Дагы бир суроо", "Рахмат, бирок дагы суроо бар"], _desk.MessagesOf(thread.Id));
    }

    [SkippableFact]
    public void A_reply_to_a_thread_quiet_for_more_than_thirty_days_opens_a_new_one()
    {
        var person = _desk.Person("Бермет Токтогулова", phone: "+971501110002");
        var now = DateTimeOffset.UtcNow;
        var old = Intake.Receive(new InboundItem("sms", "Суроо", now.AddDays(-(DeskIntake.JoinDays + 1))) { CompatriotId = person })!;
        var fresh = Intake.Receive(new InboundItem("sms", "Жаңы суроо", now) { CompatriotId = person })!;
        Assert.True(fresh.Opened);
        Assert.NotEqual(old.ThreadId, fresh.ThreadId);
        Assert.Equal(2, _desk.Threads().Count);
    }

    [SkippableFact]
    public async Task A_stop_word_opts_out_and_is_no_desk_item_on_a_channel_or_by_email()
    {
        var person = _desk.Person("Нурлан Осмонов", phone: "+971501110003", email: "nurlan@example.org", channels: "sms;email");
        Assert.Equal(HttpStatusCode.OK, (await _desk.PostSms("""{"type":"inbound","id":"in-1","from":"+971501110003","text":"ТОКТОТ"}""")).StatusCode);
        var stop = await _desk.PostEmail(Mime("nurlan@example.org", "<stop-1@mail.example.org>", "Re: STOP", "Please do not write to me."));
        Assert.Equal("stop", (string)(await stop.ReadNode())["outcome"]!);

        Assert.Empty(_desk.Threads());
        Assert.Equal(0, _desk.Scalar("SELECT consent_sms FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(0, _desk.Scalar("SELECT consent_email FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(1, _desk.Scalar("SELECT COUNT(*) FROM directory_consent_event WHERE compatriot_id = @person AND channel = 'email' AND source = 'email-stop-word'", new { person }));
    }

    [SkippableFact]
    public async Task An_unknown_sender_is_kept_on_every_channel_with_their_address()
    {
        Assert.Equal(HttpStatusCode.OK, (await _desk.PostWhatsApp("""
            {"entry":[{"changes":[{"value":{"messages":[{"from":"971509990001","id":"wamid.U1","type":"text","text":{"body":"Саламатсызбы, ким жардам берет?"}}]}}]}]}
            """)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.PostTelegram("""{"update_id":501,"message":{"chat":{"id":990002},"text":"Документтер боюнча"}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.PostSms("""{"type":"inbound","id":"u-3","from":"+971509990003","text":"Вопрос о пенсии"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _desk.PostEmail(Mime("Stranger@Example.org", "<u-4@example.org>", "Question", "Who answers questions about return?"))).StatusCode);

        var threads = _desk.Threads();
        Assert.Equal(4, threads.Count);
        Assert.All(threads, t => Assert.Null(t.CompatriotId));
        Assert.Equal(
            ["whatsapp +971509990001", "telegram 990002", "sms +971509990003", "email stranger@example.org"],
            threads.Select(t => $"{t.Channel} {t.UnknownSender}"));
    }

    [SkippableFact]
    public async Task A_whatsapp_reply_with_a_context_id_answers_that_message_not_the_persons_latest()
    {
        var person = _desk.Person("Айзада Бекова", phone: "+971501110005");
        var (lake, lakeMessage) = await _desk.SentTo(person, "whatsapp", "Lake");
        var (_, roofMessage) = await _desk.SentTo(person, "whatsapp", "Roof");
        _desk.SetProviderId(lakeMessage, "wamid.LAKE");
        _desk.SetProviderId(roofMessage, "wamid.ROOF");

        await _desk.PostWhatsApp("""
            {"entry":[{"changes":[{"value":{"messages":[{"from":"971501110005","id":"wamid.IN5","type":"text","context":{"from":"971500000000","id":"wamid.LAKE"},"text":{"body":"Көлгө кантип жардам берем?"}}]}}]}]}
            """);

        var thread = Assert.Single(_desk.Threads());
        Assert.Equal(lakeMessage, thread.MessageId);
        Assert.Equal(lake, thread.CampaignId);
        Assert.Equal(lakeMessage, _desk.Scalar("SELECT message_id FROM response_reply WHERE compatriot_id = @person", new { person }));
    }

    [SkippableFact]
    public async Task A_telegram_reply_to_one_of_our_messages_answers_that_message_and_one_to_nothing_of_ours_the_latest()
    {
        var person = _desk.Person("Эрмек Жумабаев", telegram: "770001", channels: "telegram");
        var (lake, lakeMessage) = await _desk.SentTo(person, "telegram", "Lake");
        var (_, roofMessage) = await _desk.SentTo(person, "telegram", "Roof");
        _desk.SetProviderId(lakeMessage, "770001:41");
        _desk.SetProviderId(roofMessage, "770001:42");

        await _desk.PostTelegram("""{"update_id":601,"message":{"chat":{"id":770001},"text":"Көл жөнүндө","reply_to_message":{"message_id":41,"chat":{"id":770001}}}}""");
        var first = Assert.Single(_desk.Threads());
        Assert.Equal((lake, lakeMessage), (first.CampaignId, first.MessageId));

        // A reply naming a message that is not ours (one the person wrote, say) answers the latest, as a plain reply does.
        await _desk.PostTelegram("""{"update_id":602,"message":{"chat":{"id":770001},"text":"Дагы","reply_to_message":{"message_id":7,"chat":{"id":770001}}}}""");
        Assert.Equal(roofMessage, _desk.Scalar("SELECT message_id FROM response_reply WHERE compatriot_id = @person ORDER BY id DESC LIMIT 1", new { person }));
    }

    [SkippableFact]
    public void A_new_threads_due_time_is_ten_working_days_later_in_the_kyrgyz_calendar()
    {
        // Friday 28 August 2026, 15:00 in Bishkek; Monday 31 August is Independence Day.
        var friday = new DateTimeOffset(2026, 8, 28, 15, 0, 0, TimeSpan.FromHours(6));
        var person = _desk.Person("Гүлнара Садыкова", phone: "+971501110006");
        Intake.Receive(new InboundItem("whatsapp", "Суроо", friday) { CompatriotId = person });
        var due = DateTimeOffset.Parse(_desk.Threads().Single().DueAt!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2026, 9, 14, 15, 0, 0, TimeSpan.FromHours(6)), due);
    }

    private CurrentUser Admin() =>
        new(_desk.Scalar("SELECT id FROM auth_user WHERE login = 'admin'"), "admin", Roles.Admin, null, null);

    internal static string Mime(string from, string messageId, string subject, string text, string? inReplyTo = null) =>
        $"From: {from}\r\nTo: replies@campaign.example.kg\r\nSubject: {subject}\r\nMessage-ID: {messageId}\r\n" +
        (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\r\nReferences: <{inReplyTo}>\r\n") +
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text + "\r\n";

    public void Dispose()
    {
        _desk.Dispose();
        GC.SuppressFinalize(this);
    }
}
