using System.Net;
using System.Text;
using CampaignEngine.Web.Features.Webhooks;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Webhooks;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Responses;

/// <summary>
/// The real host with every provider's webhook secret set, for tests of what reaches the desk: people, messages sent
/// to them through the ledger, signed callbacks, and the desk's rows read back.
/// </summary>
public sealed class DeskHost : IDisposable
{
    public const string WhatsAppSecret = "wa-secret";
    public const string SmsSecret = "sms-secret";
    public const string TelegramSecret = "tg-secret";
    public const string EmailSecret = "email-secret";
    private readonly TestHost _host;

    public DeskHost(string engine)
    {
        _host = new(engine);
        App = _host.WithWebHostBuilder(b => b
            .UseSetting("Webhooks:WhatsApp:Secret", WhatsAppSecret)
            .UseSetting("Webhooks:Sms:Secret", SmsSecret)
            .UseSetting("Webhooks:Telegram:Secret", TelegramSecret)
            .UseSetting("Webhooks:Email:Secret", EmailSecret));
        _ = App.Server;   // start the host now: it creates the schema the tests write into
    }

    public WebApplicationFactory<Program> App { get; }

    /// <summary>The host without the secrets: its webhooks refuse everything.</summary>
    public TestHost Unconfigured => _host;

    public long Person(string name, string? phone = null, string? email = null, string? telegram = null, string channels = "whatsapp")
    {
        var id = TestCompatriots.Insert(_host, new TestCompatriot(name, "female", "KG-Y", "AE", Phone: phone, Email: email, Channels: channels));
        if (telegram is not null) Scalar("UPDATE directory_compatriot SET telegram = @telegram WHERE id = @id RETURNING id", new { telegram, id });
        return id;
    }

    /// <summary>Launches a campaign of one channel to everyone who has it and waits until the person's message is sent; returns it.</summary>
    public async Task<(long CampaignId, long MessageId)> SentTo(long person, string channel, string name = "Lake")
    {
        var client = App.CreateClient().WithKey();
        var id = (long)(await client.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name, channels = new[] { channel } }, HttpStatusCode.Created))["id"]!;
        await client.PostJson($"/api/campaigns/{id}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(() => Task.FromResult(Scalar(
            "SELECT COUNT(*) FROM send_message WHERE campaign_id = @id AND compatriot_id = @person AND status = 'sent'", new { id, person }) == 1));
        return (id, Scalar("SELECT id FROM send_message WHERE campaign_id = @id AND compatriot_id = @person", new { id, person }));
    }

    /// <summary>What the provider would call the message (the outbox gives it a file name instead).</summary>
    public void SetProviderId(long messageId, string providerId) =>
        Scalar("UPDATE send_message SET provider_id = @providerId WHERE id = @messageId RETURNING id", new { providerId, messageId });

    public async Task<HttpResponseMessage> PostSigned(string channel, string body, string secret, string header, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{channel}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new(contentType);
        request.Headers.Add(header, WebhookSignature.Sign(secret, bytes));
        return await App.CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> PostWhatsApp(string body) => PostSigned("whatsapp", body, WhatsAppSecret, "X-Hub-Signature-256");

    public Task<HttpResponseMessage> PostSms(string body) => PostSigned("sms", body, SmsSecret, "X-Signature");

    public Task<HttpResponseMessage> PostEmail(string mime) => PostSigned("email", mime, EmailSecret, "X-Signature", "message/rfc822");

    public async Task<HttpResponseMessage> PostTelegram(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", TelegramSecret);
        return await App.CreateClient().SendAsync(request);
    }

    public sealed record ThreadRow(
        long Id, long? CompatriotId, string? UnknownSender, long? CampaignId, long? MessageId, string Channel, string State,
        long? AssigneeId, string? DueAt, string? EmailReference, string LastMessage);

    public IReadOnlyList<ThreadRow> Threads() => Query<ThreadRow>("""
        SELECT id, compatriot_id AS CompatriotId, unknown_sender AS UnknownSender, campaign_id AS CampaignId, message_id AS MessageId,
               channel, state, assignee_id AS AssigneeId, due_at AS DueAt, email_reference AS EmailReference, last_message AS LastMessage
        FROM response_thread ORDER BY id
        """);

    public IReadOnlyList<string> MessagesOf(long threadId) =>
        Query<string>("SELECT text FROM response_thread_message WHERE thread_id = @threadId AND kind = 'in' ORDER BY id", new { threadId });

    public long Scalar(string sql, object? parameters = null) => TestCompatriots.Scalar(_host, sql, parameters);

    private List<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = _host.OpenDatabase();
        return connection.Query<T>(sql, parameters).ToList();
    }

    public void Dispose()
    {
        App.Dispose();
        _host.Dispose();
    }
}
