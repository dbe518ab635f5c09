using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Features.Sending.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Sending;

public sealed class ChannelRouterTests
{
    private static ChannelRouter Router(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(TimeProvider.System);
        services.Configure<OutboxOptions>(o => o.Path = Path.GetTempPath());
        services.AddSingleton<FileOutbox>().AddSingleton<ChannelRouter>().AddChannels(configuration);
        return services.BuildServiceProvider().GetRequiredService<ChannelRouter>();
    }

    [Fact]
    public void Channels_without_provider_settings_stay_on_the_file_outbox()
    {
        var router = Router(new() { ["Channels:Sms:BaseUrl"] = "http://127.0.0.1:9" });   // no token: not configured
        Assert.All(new[] { "email", "telegram", "whatsapp", "sms", "facebook" }, c => Assert.IsType<FileOutbox>(router.For(c)));
        Assert.All(router.Describe(), line => Assert.Contains("file outbox", line));
    }

    [Fact]
    public void Configured_channels_go_to_their_provider_throttled_and_the_log_line_has_no_secrets()
    {
        var router = Router(new()
        {
            ["Channels:Email:Host"] = "smtp.example.org", ["Channels:Email:Port"] = "587", ["Channels:Email:From"] = "a@example.org",
            ["Channels:Email:User"] = "mailer", ["Channels:Email:Password"] = "pa55-secret",
            ["Channels:Telegram:Token"] = "123456:tg-secret", ["Channels:Telegram:RatePerSecond"] = "5",
            ["Channels:WhatsApp:PhoneNumberId"] = "1099", ["Channels:WhatsApp:Token"] = "wa-secret",
            ["Channels:Sms:BaseUrl"] = "http://gw.example.org", ["Channels:Sms:Token"] = "sms-secret", ["Channels:Sms:RatePerSecond"] = "0",
        });
        Assert.IsType<ThrottledSender>(router.For("email"));
        Assert.IsType<ThrottledSender>(router.For("telegram"));
        Assert.IsType<ThrottledSender>(router.For("whatsapp"));
        Assert.IsType<SmsGatewaySender>(router.For("sms"));   // RatePerSecond 0: unthrottled
        var log = string.Join("\n", router.Describe());
        Assert.Contains("email → smtp smtp.example.org:587, 50/s", log);
        Assert.Contains("telegram → telegram bot api api.telegram.org, 5/s", log);
        foreach (var secret in new[] { "pa55-secret", "tg-secret", "wa-secret", "sms-secret", "mailer" }) Assert.DoesNotContain(secret, log);
    }
}
