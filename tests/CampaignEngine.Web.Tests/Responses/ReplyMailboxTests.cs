using System.Globalization;
using System.Net;
using CampaignEngine.TestSupport.Imap;
using CampaignEngine.TestSupport.Smtp;
using CampaignEngine.Web.Features.Responses.Desk.Email;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Sending;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class ReplyMailboxTestsOnSqlite() : ReplyMailboxTests(TestHost.Sqlite);

public sealed class ReplyMailboxTestsOnPostgreSql() : ReplyMailboxTests(TestHost.PostgreSql);

/// <summary>
/// The reply mailbox, polled over IMAP from a real server (Dovecot): an appeal goes out by real SMTP, the person's reply
/// lands in the mailbox, and the poller takes it into the desk.
/// </summary>
public abstract class ReplyMailboxTests(string engine)
{
    [SkippableFact]
    public async Task A_reply_in_the_mailbox_reaches_the_desk_linked_by_in_reply_to_and_no_poll_takes_it_twice()
    {
        using var smtp = await SmtpSink.StartAsync();
        using var imap = await ImapServer.StartAsync();
        using var host = new ChannelHost(engine, Settings(imap, smtp));
        var person = host.Insert(new("Айгүл Асанова", "female", "KG-Y", "AE", "ky", Email: "aigul@example.org", Phone: null, Channels: "email"));
        var campaign = (long)(await host.Admin.PostJson("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "Clean lake", channels = new[] { "email" }, window = new { from = "00:00", to = "24:00" },
        }, HttpStatusCode.Created))["id"]!;
        await host.Admin.PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
        await host.DispatchAsync(campaign);
        await Eventually.True(() => Task.FromResult(smtp.Messages().Count == 1));
        var appeal = smtp.Messages().Single();

        // She answers from her phone's mail program, which quotes the appeal under her words.
        await imap.AppendAsync(Reply(appeal, "aigul.asanova@phone.example.org", "Мен катышам! Кайда келиш керек?"));
        await PollAsync(host);

        var thread = Assert.Single(Threads(host));
        Assert.Equal(person, thread.CompatriotId);
        Assert.Equal(campaign, thread.CampaignId);
        Assert.Equal(host.Ledger(campaign).Single().Id, thread.MessageId);
        Assert.Equal("email", thread.Channel);
        Assert.Equal("Мен катышам! Кайда келиш керек?", thread.Text);
        Assert.Equal(0, await imap.UnseenAsync());

        // Nothing new: the next poll takes nothing. A crash between the desk and the mark leaves it unseen: taken again, kept once.
        await PollAsync(host);
        await imap.MarkAllUnseenAsync();
        await PollAsync(host);
        Assert.Single(Threads(host));
        Assert.Equal(0, await imap.UnseenAsync());

        // Configured, the poll runs every minute as a recurring job.
        using var storage = host.Factory.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Contains(storage.GetRecurringJobs(), job => job.Id == MailboxPoller.JobId);
    }

    [SkippableFact]
    public async Task A_strangers_mail_is_kept_as_an_unknown_sender_a_stop_opts_out_and_an_out_of_office_note_is_left_out()
    {
        using var imap = await ImapServer.StartAsync();
        using var host = new ChannelHost(engine, Settings(imap, smtp: null));
        var person = host.Insert(new("Нурлан Осмонов", "male", "KG-Y", "AE", "ky", Email: "nurlan@example.org", Phone: null, Channels: "email"));

        await imap.AppendAsync(Mail("stranger@example.org", "Суроо", "Кайтып келүү боюнча ким жардам берет?"));
        await imap.AppendAsync(Mail("nurlan@example.org", "СТОП", "Мага мындан ары жазбаңыз."));
        var away = Mail("nurlan@example.org", "Автоматический ответ: Clean lake", "Я в отпуске до понедельника.");
        away.Headers.Add("Auto-Submitted", "auto-replied");
        await imap.AppendAsync(away);
        await PollAsync(host);

        var thread = Assert.Single(Threads(host));
        Assert.Null(thread.CompatriotId);
        Assert.Equal("stranger@example.org", thread.UnknownSender);
        using var connection = host.Root.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT consent_email FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(0, await imap.UnseenAsync());
    }

    private static Dictionary<string, string> Settings(ImapServer imap, SmtpSink? smtp)
    {
        var settings = new Dictionary<string, string>
        {
            ["Desk:Mailbox:Host"] = "127.0.0.1",
            ["Desk:Mailbox:Port"] = imap.Port.ToString(CultureInfo.InvariantCulture),
            ["Desk:Mailbox:User"] = ImapServer.User,
            ["Desk:Mailbox:Password"] = imap.Password,
            ["Desk:Mailbox:Security"] = "None",
        };
        if (smtp is null) return settings;
        settings["Channels:Email:Host"] = "127.0.0.1";
        settings["Channels:Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        settings["Channels:Email:From"] = "Issyk-Kul appeals <appeals@example.kg>";
        settings["Channels:Email:UseTls"] = "false";
        return settings;
    }

    /// <summary>
    /// Runs the poll now, as the recurring job would. The host's own job may poll at the same time (it runs each minute):
    /// so the tests judge what the desk and the mailbox hold afterwards, never how many messages this poll took.
    /// </summary>
    private static Task<int> PollAsync(ChannelHost host) =>
        host.Factory.Services.GetRequiredService<MailboxPoller>().PollAsync(CancellationToken.None);

    private static MimeMessage Reply(MimeMessage appeal, string from, string text)
    {
        var reply = Mail(from, "Re: " + appeal.Subject, $"{text}\n\nOn {appeal.Date:R}, {appeal.From} wrote:\n> {appeal.TextBody?.Split('\n')[0]}\n");
        reply.InReplyTo = appeal.MessageId;
        reply.References.Add(appeal.MessageId!);
        return reply;
    }

    private static MimeMessage Mail(string from, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("replies@example.kg"));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("mail.example.org");
        return message;
    }

    private sealed record ThreadRow(long? CompatriotId, string? UnknownSender, long? CampaignId, long? MessageId, string Channel, string Text);

    private static List<ThreadRow> Threads(ChannelHost host)
    {
        using var connection = host.Root.OpenDatabase();
        return connection.Query<ThreadRow>("""
            SELECT t.compatriot_id AS CompatriotId, t.unknown_sender AS UnknownSender, t.campaign_id AS CampaignId, t.message_id AS MessageId,
                   t.channel, m.text
            FROM response_thread t JOIN response_thread_message m ON m.thread_id = t.id AND m.kind = 'in'
            """).ToList();
    }
}
