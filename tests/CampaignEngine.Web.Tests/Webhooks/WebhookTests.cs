using System.Net;
using System.Text;
using CampaignEngine.Web.Features.Webhooks;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Webhooks;

public sealed class WebhookTests : IDisposable
{
    private const string WhatsAppSecret = "wa-secret";
    private const string SmsSecret = "sms-secret";
    private const string TelegramSecret = "tg-secret";
    private readonly TestHost _host = new();
    private readonly WebApplicationFactory<Program> _app;

    public WebhookTests()
    {
        _app = _host.WithWebHostBuilder(b => b
            .UseSetting("Webhooks:WhatsApp:Secret", WhatsAppSecret)
            .UseSetting("Webhooks:Sms:Secret", SmsSecret)
            .UseSetting("Webhooks:Telegram:Secret", TelegramSecret));
        _ = _app.Server;   // start the host now: it creates the schema the tests write into
    }

    [Fact]
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

    [Fact]
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

    [Fact]
    public async Task Telegram_update_with_the_secret_token_is_stored_as_a_reply()
    {
        TestCompatriots.Insert(_host, new TestCompatriot("Бакыт", "male", "KG-Y", "CN", Channels: "telegram", Phone: null));
        var person = TestCompatriots.Scalar(_host, "SELECT id FROM directory_compatriot WHERE full_name = 'Бакыт'");
        TestCompatriots.Scalar(_host, "UPDATE directory_compatriot SET telegram = '@bakyt_kg' WHERE id = @person RETURNING id", new { person });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram")
        {
            Content = new StringContent("""{"update_id":1,"message":{"chat":{"id":555},"from":{"username":"bakyt_kg"},"text":"Рахмат, катышам!"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", TelegramSecret);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().SendAsync(request)).StatusCode);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_reply WHERE compatriot_id = @person AND is_stop = 0", new { person }));
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT consent_telegram FROM directory_compatriot WHERE id = @person", new { person }));
    }

    [Fact]
    public async Task Sms_failure_report_fails_the_message_with_the_provider_reason()
    {
        var (campaignId, messageId) = await SentMessage("+971501112255", "sms");
        SetProviderId(messageId, "sms-77");
        await PostSigned("sms", """{"type":"delivery","id":"sms-77","status":"failed","error":"absent subscriber"}""", SmsSecret, "X-Signature");
        var item = (await _app.CreateClient().WithKey().GetJson($"/api/campaigns/{campaignId}/messages"))["items"]![0]!;
        Assert.Equal("failed", (string)item["status"]!);
        Assert.Contains("absent subscriber", (string)item["error"]!);
    }

    [Fact]
    public async Task A_bad_signature_is_refused_and_changes_nothing()
    {
        var (_, messageId) = await SentMessage("+971501112266", "whatsapp");
        var person = TestCompatriots.Scalar(_host, "SELECT compatriot_id FROM send_message WHERE id = @messageId", new { messageId });
        var body = """{"entry":[{"changes":[{"value":{"messages":[{"from":"971501112266","text":{"body":"STOP"}}]}}]}]}""";
        var response = await PostSigned("whatsapp", body, "not-the-secret", "X-Hub-Signature-256");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT consent_whatsapp FROM directory_compatriot WHERE id = @person", new { person }));
    }

    [Fact]
    public async Task Without_a_configured_secret_the_endpoint_refuses_everything()
    {
        var response = await _host.CreateClient().PostAsync("/webhooks/sms", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Theory]
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
