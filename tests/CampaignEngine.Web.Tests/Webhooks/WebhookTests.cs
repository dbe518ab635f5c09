using System.Net;
using System.Net.Http.Json;
using System.Text;
using CampaignEngine.Web.Features.Responses;
using CampaignEngine.Web.Features.Webhooks;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Webhooks;

public sealed class WebhookTestsOnSqlite() : WebhookTests(TestHost.Sqlite);

public sealed class WebhookTestsOnPostgreSql() : WebhookTests(TestHost.PostgreSql);

public abstract class WebhookTests : IDisposable
{
    private const string WhatsAppSecret = "wa-secret";
    private const string SmsSecret = "sms-secret";
    private const string TelegramSecret = "tg-secret";
    private readonly TestHost _host;
    private readonly WebApplicationFactory<Program> _app;

    protected WebhookTests(string engine)
    {
        _host = new(engine);
        _app = _host.WithWebHostBuilder(b => b
            .UseSetting("Webhooks:WhatsApp:Secret", WhatsAppSecret)
            .UseSetting("Webhooks:Sms:Secret", SmsSecret)
            .UseSetting("Webhooks:Telegram:Secret", TelegramSecret));
        _ = _app.Server;   // start the host now: it creates the schema the tests write into
    }

    [SkippableFact]
    public async Task Whatsapp_delivery_status_marks_the_message_delivered()
    {
        var (campaignId, messageId) = await SentMessage("+971501112233", "whatsapp");
        SetProviderId(messageId, "wamid.ABC");
        var response = await PostSigned("whatsapp", """
            {"entry":[{"changes":[{"value":{"statuses":[{"id":"wamid.ABC","status":"delivered","recipient_id":"971501112233"}]}}]}]}
            """, WhatsAppSecret, "X-Hub-Signature-256");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = (await _app.CreateClient().WithKey().GetJson($"/api/campaigns/{campaignId}"))["counts"]!;
        Assert.Equal(1, (long)counts["delivered"]!);
    }

    [SkippableFact]
    public async Task Whatsapp_reply_STOP_opts_the_person_out_of_whatsapp_and_skips_what_waits()
    {
        var (_, messageId) = await SentMessage("+971501112244", "whatsapp");
        var person = TestCompatriots.Scalar(_host, "SELECT compatriot_id FROM send_message WHERE id = @messageId", new { messageId });
        // Another campaign is waiting for the same person.
        var client = _app.CreateClient().WithKey();
        var later = (long)(await client.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Later" }, HttpStatusCode.Created))["id"]!;
        await client.PostJson($"/api/campaigns/{later}/launch", new { at = DateTimeOffset.UtcNow.AddDays(3) }, HttpStatusCode.Accepted);

        var response = await PostSigned("whatsapp", """
            {"entry":[{"changes":[{"value":{"messages":[{"from":"971501112244","id":"wamid.IN","type":"text","text":{"body":" Стоп! "}}]}}]}]}
            """, WhatsAppSecret, "X-Hub-Signature-256");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT consent_whatsapp FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @person AND is_stop = 1", new { person }));
        Assert.Equal("opted-out", (string)(await client.GetJson($"/api/campaigns/{later}/messages"))["items"]![0]!["error"]!);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM directory_consent_event WHERE compatriot_id = @person AND granted = 0", new { person }));
    }

    [SkippableFact]
    public async Task Telegram_update_with_the_secret_token_is_stored_as_a_reply()
    {
        var person = TelegramPerson("Бакыт", "555");
        Assert.Equal(HttpStatusCode.OK, (await PostTelegram("""{"update_id":1,"message":{"chat":{"id":555},"from":{"username":"bakyt_kg"},"text":"Рахмат, катышам!"}}""")).StatusCode);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @person AND is_stop = 0", new { person }));
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT consent_telegram FROM directory_compatriot WHERE id = @person", new { person }));
    }

    [SkippableFact]
    public async Task Telegram_replies_are_matched_by_chat_id_only_never_by_a_username_someone_else_can_take()
    {
        // The directory knows one person by a username: whoever holds that name now, in another chat, is not them.
        var byName = TelegramPerson("Нурлан", "@nurlan_kg");
        var byChat = TelegramPerson("Айзада", "777001");
        Assert.Equal(HttpStatusCode.OK, (await PostTelegram("""{"update_id":10,"message":{"chat":{"id":999002},"from":{"username":"nurlan_kg"},"text":"STOP"}}""")).StatusCode);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @byName", new { byName }));
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT consent_telegram FROM directory_compatriot WHERE id = @byName", new { byName }));
        // Someone whose username is a chat id's digits is not matched by it either; the chat id is.
        Assert.Equal(HttpStatusCode.OK, (await PostTelegram("""{"update_id":11,"message":{"chat":{"id":777001},"from":{"username":"someone"},"text":"Саламатсызбы"}}""")).StatusCode);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @byChat", new { byChat }));
    }

    [SkippableFact]
    public async Task A_replayed_telegram_update_is_acknowledged_and_not_stored_twice()
    {
        var person = TelegramPerson("Эрмек", "555123");
        const string update = """{"update_id":42,"message":{"chat":{"id":555123},"text":"Катышам"}}""";
        Assert.Equal(HttpStatusCode.OK, (await PostTelegram(update)).StatusCode);
        var again = await PostTelegram(update);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (int)(await again.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["replayed"]!);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @person", new { person }));
    }

    [SkippableFact]
    public async Task A_replayed_whatsapp_reply_is_applied_once_and_a_stale_signed_timestamp_is_refused()
    {
        var (_, messageId) = await SentMessage("+971501112277", "whatsapp");
        var person = TestCompatriots.Scalar(_host, "SELECT compatriot_id FROM send_message WHERE id = @messageId", new { messageId });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var reply = $$$"""{"entry":[{"changes":[{"value":{"messages":[{"from":"971501112277","id":"wamid.R1","timestamp":"{{{now}}}","type":"text","text":{"body":"Мен да катышам"}}]}}]}]}""";
        Assert.Equal(HttpStatusCode.OK, (await PostSigned("whatsapp", reply, WhatsAppSecret, "X-Hub-Signature-256")).StatusCode);
        // The same signed body again, as someone who captured it would send it: acknowledged, not applied.
        Assert.Equal(HttpStatusCode.OK, (await PostSigned("whatsapp", reply, WhatsAppSecret, "X-Hub-Signature-256")).StatusCode);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @person", new { person }));

        // A STOP signed two days ago (a capture kept until its id is forgotten) is refused, naming the timestamp.
        var old = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds();
        var stop = $$$"""{"entry":[{"changes":[{"value":{"messages":[{"from":"971501112277","id":"wamid.OLD","timestamp":"{{{old}}}","type":"text","text":{"body":"STOP"}}]}}]}]}""";
        var refused = await PostSigned("whatsapp", stop, WhatsAppSecret, "X-Hub-Signature-256");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("timestamp", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT consent_whatsapp FROM directory_compatriot WHERE id = @person", new { person }));
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @person", new { person }));
    }

    [SkippableFact]
    public async Task A_replayed_sms_delivery_report_does_not_undo_what_came_after_it()
    {
        var (campaignId, messageId) = await SentMessage("+971501112288", "sms");
        SetProviderId(messageId, "sms-88");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var failed = $$$"""{"type":"delivery","id":"sms-88","status":"failed","error":"absent subscriber","timestamp":{{{now}}}}""";
        await PostSigned("sms", failed, SmsSecret, "X-Signature");
        // Staff put the failed message back in line and it goes out again.
        TestCompatriots.Scalar(_host, "UPDATE send_message SET status = 'sent', error = NULL WHERE id = @messageId RETURNING id", new { messageId });
        Assert.Equal(HttpStatusCode.OK, (await PostSigned("sms", failed, SmsSecret, "X-Signature")).StatusCode);
        var item = (await _app.CreateClient().WithKey().GetJson($"/api/campaigns/{campaignId}/messages"))["items"]![0]!;
        Assert.Equal("sent", (string)item["status"]!);
    }

    [SkippableFact]
    public async Task A_body_over_one_megabyte_is_refused_at_the_cap_without_waiting_for_the_rest()
    {
        // The real host (Kestrel, not the test server) and a raw connection: a chunked body that passes 1 MB and then
        // never ends. The answer must come at the cap; an endpoint that reads to the end would never answer.
        var folder = Directory.CreateTempSubdirectory("ce-webhook-cap").FullName;
        try
        {
            using var host = await CampaignEngine.TestSupport.HostProcess.StartAsync(folder, new Dictionary<string, string> { ["Webhooks:Sms:Secret"] = SmsSecret });
            var address = new Uri(host.BaseUrl);
            using var connection = new System.Net.Sockets.TcpClient();
            await connection.ConnectAsync(address.Host, address.Port);
            var stream = connection.GetStream();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var sending = SendEndlessChunkedBodyAsync(stream, address, stop.Token);
            var status = await ReadStatusLineAsync(stream, stop.Token);
            Assert.StartsWith("HTTP/1.1 413", status);
            await stop.CancelAsync();
            try { await sending; } catch (Exception ex) when (ex is OperationCanceledException or IOException) { /* the server closed or we stopped */ }

            using var api = new HttpClient { BaseAddress = address };
            using var declared = new ByteArrayContent(new byte[WebhooksController.MaxBody + 1]);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await api.PostAsync("/webhooks/sms", declared)).StatusCode);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task SendEndlessChunkedBodyAsync(Stream stream, Uri address, CancellationToken cancellationToken)
    {
        var head = $"POST /webhooks/sms HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n" +
                   "Transfer-Encoding: chunked\r\nX-Signature: sha256=00\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        var size = Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n");
        var end = "\r\n"u8.ToArray();
        for (var i = 0; i < 32; i++)   // 2 MB, and then no last chunk: the body never ends
        {
            await stream.WriteAsync(size, cancellationToken);
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.WriteAsync(end, cancellationToken);
        }
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private static async Task<string> ReadStatusLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != (byte)'\n') line.Append((char)one[0]);
        return line.ToString().TrimEnd('\r');
    }

    private long TelegramPerson(string name, string telegram)
    {
        TestCompatriots.Insert(_host, new TestCompatriot(name, "male", "KG-Y", "CN", Channels: "telegram", Phone: null));
        var person = TestCompatriots.Scalar(_host, "SELECT id FROM directory_compatriot WHERE full_name = @name", new { name });
        TestCompatriots.Scalar(_host, "UPDATE directory_compatriot SET telegram = @telegram WHERE id = @person RETURNING id", new { telegram, person });
        return person;
    }

    private async Task<HttpResponseMessage> PostTelegram(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", TelegramSecret);
        return await _app.CreateClient().SendAsync(request);
    }

    [SkippableFact]
    public async Task Sms_failure_report_fails_the_message_with_the_provider_reason()
    {
        var (campaignId, messageId) = await SentMessage("+971501112255", "sms");
        SetProviderId(messageId, "sms-77");
        await PostSigned("sms", """{"type":"delivery","id":"sms-77","status":"failed","error":"absent subscriber"}""", SmsSecret, "X-Signature");
        var item = (await _app.CreateClient().WithKey().GetJson($"/api/campaigns/{campaignId}/messages"))["items"]![0]!;
        Assert.Equal("failed", (string)item["status"]!);
        Assert.Contains("absent subscriber", (string)item["error"]!);
    }

    [SkippableFact]
    public async Task A_bad_signature_is_refused_and_changes_nothing()
    {
        var (_, messageId) = await SentMessage("+971501112266", "whatsapp");
        var person = TestCompatriots.Scalar(_host, "SELECT compatriot_id FROM send_message WHERE id = @messageId", new { messageId });
        var body = """{"entry":[{"changes":[{"value":{"messages":[{"from":"971501112266","text":{"body":"STOP"}}]}}]}]}""";
        var response = await PostSigned("whatsapp", body, "not-the-secret", "X-Hub-Signature-256");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT consent_whatsapp FROM directory_compatriot WHERE id = @person", new { person }));
    }

    [SkippableFact]
    public async Task Without_a_configured_secret_the_endpoint_refuses_everything()
    {
        var response = await _host.CreateClient().PostAsync("/webhooks/sms", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [SkippableTheory]
    [InlineData("STOP", true)]
    [InlineData("стоп", true)]
    [InlineData("Токтот.", true)]
    [InlineData("unsubscribe", true)]
    [InlineData("stop sending me the lake appeal please", false)]
    [InlineData("Рахмат", false)]
    public void Stop_words(string text, bool stop) => Assert.Equal(stop, StopWords.IsStop(text));

    private async Task<(long CampaignId, long MessageId)> SentMessage(string phone, string channel)
    {
        TestCompatriots.Insert(_host, new("Айгүл " + phone[^4..], "female", "KG-Y", "AE", Phone: phone, Channels: channel));
        var client = _app.CreateClient().WithKey();
        var id = (long)(await client.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Lake", channels = new[] { channel } }, HttpStatusCode.Created))["id"]!;
        await client.PostJson($"/api/campaigns/{id}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(async () => (long)(await client.GetJson($"/api/campaigns/{id}"))["counts"]!["sent"]! >= 1);
        var messageId = TestCompatriots.Scalar(_host, "SELECT s.id FROM send_message s JOIN directory_compatriot c ON c.id = s.compatriot_id WHERE s.campaign_id = @id AND c.phone = @phone", new { id, phone });
        return (id, messageId);
    }

    private void SetProviderId(long messageId, string providerId) =>
        TestCompatriots.Scalar(_host, "UPDATE send_message SET provider_id = @providerId WHERE id = @messageId RETURNING id", new { providerId, messageId });

    private async Task<HttpResponseMessage> PostSigned(string channel, string json, string secret, string header)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{channel}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(header, WebhookSignature.Sign(secret, body));
        return await _app.CreateClient().SendAsync(request);
    }

    public void Dispose()
    {
        _app.Dispose();
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}

internal static class KeyedClient
{
    public static HttpClient WithKey(this HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestHost.AdminKey);
        return client;
    }
}
