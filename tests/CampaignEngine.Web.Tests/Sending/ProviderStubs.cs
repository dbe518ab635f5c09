using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Features.Sending.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.Server;

namespace CampaignEngine.Web.Tests.Sending;

/// <summary>The three HTTP providers as the tests see them: where they post, what success looks like, how to build the sender.</summary>
internal sealed record ProviderStub(string Channel, string Path, string SuccessBody, string ExpectedId, Func<string, int, IChannelSender> Create)
{
    public const string TelegramToken = "123456:TEST-telegram-token";
    public const string WhatsAppToken = "wa-test-token";
    public const string SmsToken = "sms-test-token";
    public const string PhoneNumberId = "1099887766";

    private static readonly IHttpClientFactory Clients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    public static ProviderStub For(string channel) => channel switch
    {
        "telegram" => new("telegram", $"/bot{TelegramToken}/sendMessage",
            """{"ok":true,"result":{"message_id":42,"date":1760000000,"chat":{"id":777001,"type":"private"},"text":"hi"}}""", "777001:42",
            (url, timeout) => new TelegramSender(Clients, Options.Create(new TelegramOptions { BaseUrl = url, Token = TelegramToken, TimeoutSeconds = timeout }))),
        "whatsapp" => new("whatsapp", $"/v21.0/{PhoneNumberId}/messages",
            """{"messaging_product":"whatsapp","contacts":[{"input":"971501234567","wa_id":"971501234567"}],"messages":[{"id":"wamid.HBgM123"}]}""", "wamid.HBgM123",
            (url, timeout) => new WhatsAppSender(Clients, Options.Create(new WhatsAppOptions
            {
                BaseUrl = url + "/v21.0", PhoneNumberId = PhoneNumberId, Token = WhatsAppToken, TemplateName = "appeal_v2", TimeoutSeconds = timeout,
            }))),
        "sms" => new("sms", "/api/messages", """{"id":"sms-5501","status":"queued"}""", "sms-5501",
            (url, timeout) => new SmsGatewaySender(Clients, Options.Create(new SmsOptions { BaseUrl = url + "/api", Token = SmsToken, TimeoutSeconds = timeout }))),
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public IChannelSender Start(WireMockServer server, int timeoutSeconds = 10) => Create(server.Url!, timeoutSeconds);

    public static OutgoingMessage Message(string channel, string language = "ru") => new(
        MessageId: 17, CampaignId: 3, Channel: channel,
        Address: channel == "telegram" ? "777001" : "+971501234567", Language: language,
        Subject: "Чистый берег", Text: "Длинный текст", Short: "Айгүл, поддержите: http://localhost/r/abc", Html: null,
        Token: "0123456789abcdef0123456789abcdef", UnsubscribeUrl: "http://localhost/u/0123456789abcdef0123456789abcdef",
        FirstName: "Айгүл", Link: "http://localhost/r/0123456789abcdef0123456789abcdef");
}
