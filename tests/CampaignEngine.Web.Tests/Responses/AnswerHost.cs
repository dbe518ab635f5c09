using System.Globalization;
using CampaignEngine.TestSupport.Smtp;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Sending;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CampaignEngine.Web.Tests.Responses;

/// <summary>
/// The real host with every channel pointed at a real local server (WireMock for WhatsApp, Telegram and the SMS gateway,
/// the SMTP sink for e-mail), and the desk's own classes to ask questions and answer them as the webhooks and staff do.
/// </summary>
internal sealed class AnswerHost : IDisposable
{
    public const string AnswerTemplate = "desk_answer";

    private AnswerHost(string engine, WireMockServer providers, SmtpSink smtp, IReadOnlyDictionary<string, string>? settings)
    {
        Providers = providers;
        Smtp = smtp;
        foreach (var channel in new[] { "whatsapp", "telegram", "sms" })
        {
            var stub = ProviderStub.For(channel);
            providers.Given(Request.Create().WithPath(stub.Path).UsingPost())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(stub.SuccessBody));
        }
        Host = new ChannelHost(engine, new Dictionary<string, string>
        {
            ["Channels:WhatsApp:BaseUrl"] = providers.Url + "/v21.0",
            ["Channels:WhatsApp:PhoneNumberId"] = ProviderStub.PhoneNumberId,
            ["Channels:WhatsApp:Token"] = ProviderStub.WhatsAppToken,
            ["Channels:WhatsApp:AnswerTemplateName"] = AnswerTemplate,
            ["Channels:Telegram:BaseUrl"] = providers.Url!,
            ["Channels:Telegram:Token"] = ProviderStub.TelegramToken,
            ["Channels:Sms:BaseUrl"] = providers.Url + "/api",
            ["Channels:Sms:Token"] = ProviderStub.SmsToken,
            ["Channels:Email:Host"] = "127.0.0.1",
            ["Channels:Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:Email:From"] = "Issyk-Kul administration <desk@example.kg>",
            ["Channels:Email:UseTls"] = "false",
        }.Concat(settings ?? new Dictionary<string, string>()).ToDictionary());
    }

    /// <param name="engine"><see cref="TestHost.Sqlite"/> or <see cref="TestHost.PostgreSql"/>.</param>
    /// <param name="settings">More of the host's settings (a webhook's secret, say).</param>
    public static async Task<AnswerHost> StartAsync(string engine, IReadOnlyDictionary<string, string>? settings = null) =>
        new(engine, WireMockServer.Start(), await SmtpSink.StartAsync(), settings);

    public ChannelHost Host { get; }
    public WireMockServer Providers { get; }
    public SmtpSink Smtp { get; }

    private IServiceProvider Services => Host.Factory.Services;

    public CurrentUser Admin
    {
        get
        {
            using var connection = Open();
            return new CurrentUser(connection.ExecuteScalar<long>("SELECT id FROM auth_user WHERE login = 'admin'"), "admin", Roles.Admin, null, null);
        }
    }

    public long Person(string name, string language, string channels, string? phone = "+971501234567", string? email = null, string? telegram = null)
    {
        var id = Host.Insert(new TestCompatriot(name, "female", "KG-Y", "AE", language, Phone: phone, Email: email, Channels: channels));
        using var connection = Open();
        if (telegram is not null) connection.Execute("UPDATE directory_compatriot SET telegram = @telegram WHERE id = @id", new { telegram, id });
        return id;
    }

    /// <summary>A message from the person reaches the desk as the webhooks and the mailbox hand it over.</summary>
    public DeskIntake.Received Ask(long person, string channel, DateTimeOffset at, string? emailReference = null, string? emailSubject = null, long? messageId = null) =>
        Services.GetRequiredService<DeskIntake>().Receive(new InboundItem(channel, "Менин пенсиям боюнча ким жардам берет?", at)
        {
            CompatriotId = person, ExternalId = channel == "web" ? null : Guid.NewGuid().ToString("N"), EmailReference = emailReference,
            EmailSubject = emailSubject, MessageId = messageId, OpensThread = channel == "web",
        })!;

    /// <summary>Staff answer (the host's own delivery job is queued too, as it is in production); returns the answer's id.</summary>
    public long Answer(long threadId, string text)
    {
        var outcome = Services.GetRequiredService<DeskThreads>().Answer(Admin, threadId, text);
        Assert.True(outcome.Ok, $"{outcome.Field}: {outcome.Error}");
        return outcome.MessageId!.Value;
    }

    /// <summary>Runs the answer's delivery job and the dispatcher now, as Hangfire would, and waits for the ledger row to settle.</summary>
    public async Task<ChannelHost.LedgerRow> DeliverAsync(long answerId)
    {
        using (var scope = Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AnswerDelivery>().DeliverAsync(answerId, CancellationToken.None);
        var campaignId = CampaignOf(answerId)!.Value;
        await Host.DispatchAsync(campaignId);
        await Eventually.True(() => Task.FromResult(Host.Ledger(campaignId).All(r => r.Status is not ("pending" or "sending"))), seconds: 30);
        var row = Host.Ledger(campaignId).Single();
        // WireMock logs a request after it has written the response, so the ledger can say "sent" a moment before the
        // stub's log holds the request: wait for it rather than read a log still catching up.
        var channel = Scalar<string>("SELECT channel FROM send_message WHERE id = @Id", row);
        if (row.Status == "sent" && channel != "email")
        {
            // 10 s was too short once in CI with the host's own Hangfire run of the job alongside: wait as long as for
            // the ledger, and say what the stub did log if it still never comes.
            var logged = await Eventually.Within(() => Requests(channel).Count > 0, seconds: 30);
            // A provider id naming an outbox file means a host without these channel settings sent it (see ChannelHost.Root).
            Assert.True(logged, $"the ledger says {channel} sent (provider id {row.ProviderId}), but the stub logged only: " +
                string.Join(", ", Providers.LogEntries.Select(e => e.RequestMessage.Path)));
        }
        return row;
    }

    public long? CampaignOf(long answerId)
    {
        using var connection = Open();
        return connection.ExecuteScalar<long?>("SELECT campaign_id FROM response_thread_message WHERE id = @answerId", new { answerId });
    }

    public IReadOnlyList<string> Requests(string channel) =>
        Providers.LogEntries.Where(e => e.RequestMessage.Path == ProviderStub.For(channel).Path).Select(e => e.RequestMessage.Body ?? "").ToList();

    public T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Open();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    private System.Data.Common.DbConnection Open()
    {
        _ = Host.Factory.Server;
        return Host.Root.OpenDatabase();
    }

    public void Dispose()
    {
        Host.Dispose();
        Providers.Dispose();
        Smtp.Dispose();
    }
}
