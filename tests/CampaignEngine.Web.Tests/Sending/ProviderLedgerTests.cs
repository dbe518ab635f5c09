using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CampaignEngine.Web.Tests.Sending;

public sealed class ProviderLedgerTestsOnSqlite() : ProviderLedgerTests(TestHost.Sqlite);

public sealed class ProviderLedgerTestsOnPostgreSql() : ProviderLedgerTests(TestHost.PostgreSql);

/// <summary>Configured providers through the real host: what the ledger records for each provider answer.</summary>
public abstract class ProviderLedgerTests(string engine) : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    private static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    private async Task<long> LaunchAsync(ChannelHost host, string[] channels, params TestCompatriot[] people) =>
        await LaunchAsync(host, channels, () => { }, people);

    private async Task<long> LaunchAsync(ChannelHost host, string[] channels, Action beforeLaunch, params TestCompatriot[] people)
    {
        var created = await host.Admin.PostJson("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "Clean lake", template = "appeal", channels, window = new { from = "00:00", to = "24:00" },
        }, HttpStatusCode.Created);
        foreach (var person in people) host.Insert(person);
        beforeLaunch();
        var id = (long)created["id"]!;
        Assert.Equal(HttpStatusCode.Accepted, (await host.Admin.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        await host.DispatchAsync(id);
        return id;
    }

    [SkippableFact]
    public async Task WhatsApp_429_puts_the_row_back_until_Retry_After_then_it_is_sent()
    {
        var whatsapp = ProviderStub.For("whatsapp");
        _server.Given(Request.Create().WithPath(whatsapp.Path).UsingPost()).InScenario("busy").WillSetStateTo("free")
            .RespondWith(Json(429, """{"error":{"message":"(#130429) Rate limit hit","code":130429}}""").WithHeader("Retry-After", "120"));
        _server.Given(Request.Create().WithPath(whatsapp.Path).UsingPost()).InScenario("busy").WhenStateIs("free")
            .RespondWith(Json(200, whatsapp.SuccessBody));
        var clock = new ShiftedClock();
        using var host = new ChannelHost(engine, new Dictionary<string, string>
        {
            ["Channels:WhatsApp:BaseUrl"] = _server.Url + "/v21.0",
            ["Channels:WhatsApp:PhoneNumberId"] = ProviderStub.PhoneNumberId,
            ["Channels:WhatsApp:Token"] = ProviderStub.WhatsAppToken,
        }, clock);
        var started = clock.GetUtcNow();
        var id = await LaunchAsync(host, ["whatsapp"], new TestCompatriot("Бермет Ниязова", "female", "KG-Y", "AE", "ru", Phone: "+971501234567"));

        await Eventually.True(() => Task.FromResult(host.Ledger(id).Single() is { Status: "pending", Attempts: 1 }), seconds: 30);
        var waiting = host.Ledger(id).Single();
        Assert.Contains("429", waiting.Error);
        var notBefore = DateTimeOffset.Parse(waiting.NotBefore, CultureInfo.InvariantCulture);
        Assert.True(notBefore >= started.AddSeconds(120), $"not_before {notBefore:O} is sooner than Retry-After from {started:O}");
        Assert.Single(_server.LogEntries);

        clock.Advance(TimeSpan.FromSeconds(125));
        await host.DispatchAsync(id);

        var sent = host.Ledger(id).Single();
        Assert.Equal("sent", sent.Status);
        Assert.Equal(whatsapp.ExpectedId, sent.ProviderId);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(2, _server.LogEntries.Count());
        var template = System.Text.Json.Nodes.JsonNode.Parse(_server.LogEntries.Last().RequestMessage.Body!)!["template"]!;
        Assert.Equal("campaign_appeal", (string)template["name"]!);
        Assert.Equal("ru", (string)template["language"]!["code"]!);
    }

    [SkippableFact]
    public async Task Telegram_and_sms_go_to_their_providers_and_an_invalid_number_fails_without_retry()
    {
        var telegram = ProviderStub.For("telegram");
        _server.Given(Request.Create().WithPath(telegram.Path).UsingPost()).RespondWith(Json(200, telegram.SuccessBody));
        _server.Given(Request.Create().WithPath("/api/messages").UsingPost())
            .RespondWith(Json(400, """{"message":"invalid destination number"}"""));
        using var host = new ChannelHost(engine, new Dictionary<string, string>
        {
            ["Channels:Telegram:BaseUrl"] = _server.Url!,
            ["Channels:Telegram:Token"] = ProviderStub.TelegramToken,
            ["Channels:Sms:BaseUrl"] = _server.Url + "/api",
            ["Channels:Sms:Token"] = ProviderStub.SmsToken,
        });
        // TestCompatriot has no Telegram field; the chat id is set straight in the directory before launch.
        var id = await LaunchAsync(host, ["telegram", "sms"], () =>
            {
                using var connection = host.Root.OpenDatabase();
                connection.Execute("UPDATE directory_compatriot SET telegram = '777001' WHERE phone IS NULL");
            },
            new TestCompatriot("Айгүл Өмүрбекова", "female", "KG-Y", "AE", "ky", Phone: null, Channels: "telegram"),
            new TestCompatriot("Нурлан Токтосунов", "male", "KG-Y", "BE", "en", Phone: "+32470123456", Channels: "sms"));
        Assert.Equal(2, host.Ledger(id).Count);

        await Eventually.True(() => Task.FromResult(host.Ledger(id).All(r => r.Status is "sent" or "failed")), seconds: 30);
        var rows = host.Ledger(id);
        Assert.Equal(telegram.ExpectedId, Assert.Single(rows, r => r.Status == "sent").ProviderId);
        var failed = Assert.Single(rows, r => r.Status == "failed");
        Assert.Contains("invalid destination", failed.Error);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(1, _server.LogEntries.Count(e => e.RequestMessage.Path == "/api/messages"));
        Assert.Empty(Directory.Exists(host.Root.OutboxPath) ? Directory.GetFiles(host.Root.OutboxPath, "*.txt", SearchOption.AllDirectories) : []);
    }

    public void Dispose()
    {
        _server.Stop();
        GC.SuppressFinalize(this);
    }
}
