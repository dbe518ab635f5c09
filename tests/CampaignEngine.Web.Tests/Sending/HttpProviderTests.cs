using System.Globalization;
using System.Diagnostics;
using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CampaignEngine.Web.Tests.Sending;

/// <summary>Telegram, WhatsApp and the SMS gateway against WireMock stubs: the same failure modes, one mapping each.</summary>
public sealed class HttpProviderTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    private static string Throttled(int seconds) =>
        "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + seconds
        + "\",\"parameters\":{\"retry_after\":" + seconds + "}}";

    private void Stub(string path, int status, string body, int? retryAfter = null, TimeSpan? delay = null, string? scenario = null, string? whenState = null, string? nextState = null)
    {
        var request = _server.Given(Request.Create().WithPath(path).UsingPost());
        if (scenario is not null) request = request.InScenario(scenario);
        if (whenState is not null) request = request.WhenStateIs(whenState);
        if (nextState is not null) request = request.WillSetStateTo(nextState);
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (retryAfter is { } seconds) response = response.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        if (delay is { } wait) response = response.WithDelay(wait);
        request.RespondWith(response);
    }

    private int Requests => _server.LogEntries.Count();

    [Theory]
    [InlineData("telegram")]
    [InlineData("whatsapp")]
    [InlineData("sms")]
    public async Task Success_records_the_provider_message_id(string channel)
    {
        var provider = ProviderStub.For(channel);
        Stub(provider.Path, 200, provider.SuccessBody);
        var outcome = await provider.Start(_server).SendAsync(ProviderStub.Message(channel), CancellationToken.None);
        Assert.True(outcome.Ok, outcome.Error);
        Assert.Equal(provider.ExpectedId, outcome.ProviderId);
        Assert.Equal(1, Requests);
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("whatsapp")]
    [InlineData("sms")]
    public async Task Short_retry_after_is_waited_for_in_the_call(string channel)
    {
        var provider = ProviderStub.For(channel);
        Stub(provider.Path, 429, Throttled(1), retryAfter: 1, scenario: "busy", whenState: null, nextState: "free");
        Stub(provider.Path, 200, provider.SuccessBody, scenario: "busy", whenState: "free");
        var watch = Stopwatch.StartNew();
        var outcome = await provider.Start(_server).SendAsync(ProviderStub.Message(channel), CancellationToken.None);
        Assert.True(outcome.Ok, outcome.Error);
        Assert.Equal(2, Requests);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, before Retry-After");
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("whatsapp")]
    [InlineData("sms")]
    public async Task Long_retry_after_goes_back_to_the_ledger_without_waiting(string channel)
    {
        var provider = ProviderStub.For(channel);
        Stub(provider.Path, 429, Throttled(120), retryAfter: 120);
        var outcome = await provider.Start(_server).SendAsync(ProviderStub.Message(channel), CancellationToken.None);
        Assert.False(outcome.Ok);
        Assert.False(outcome.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(120), outcome.RetryAfter);
        Assert.Equal(1, Requests);
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("whatsapp")]
    [InlineData("sms")]
    public async Task Server_errors_are_retried_then_reported_as_transient(string channel)
    {
        var provider = ProviderStub.For(channel);
        Stub(provider.Path, 502, """{"ok":false,"error_code":502,"description":"Bad Gateway"}""");
        var outcome = await provider.Start(_server).SendAsync(ProviderStub.Message(channel), CancellationToken.None);
        Assert.False(outcome.Ok);
        Assert.False(outcome.Permanent);
        Assert.Contains("502", outcome.Error);
        Assert.Equal(3, Requests);
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("whatsapp")]
    [InlineData("sms")]
    public async Task A_provider_slower_than_the_timeout_is_transient(string channel)
    {
        var provider = ProviderStub.For(channel);
        // One answer alone takes longer than the bound below, so only a call cut short passes; the bound leaves a loaded
        // machine some six seconds over the three one-second attempts and their pauses.
        Stub(provider.Path, 200, provider.SuccessBody, delay: TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();
        var outcome = await provider.Start(_server, timeoutSeconds: 1).SendAsync(ProviderStub.Message(channel), CancellationToken.None);
        Assert.False(outcome.Ok);
        Assert.False(outcome.Permanent);
        Assert.Contains("timeout", outcome.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(9.5), $"took {watch.Elapsed}: the timeout did not cut the calls short");
    }

    [Theory]
    [InlineData("telegram")]
    [InlineData("whatsapp")]
    [InlineData("sms")]
    public async Task Malformed_success_answer_is_transient_with_a_clear_error_and_not_resent_at_once(string channel)
    {
        var provider = ProviderStub.For(channel);
        Stub(provider.Path, 200, "<html>proxy says hello");
        var outcome = await provider.Start(_server).SendAsync(ProviderStub.Message(channel), CancellationToken.None);
        Assert.False(outcome.Ok);
        Assert.False(outcome.Permanent);
        Assert.Contains("malformed", outcome.Error);
        // It may have been delivered: the ledger retries later, the call does not hammer the provider.
        Assert.Equal(1, Requests);
        Assert.True(outcome.RetryAfter >= TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("telegram", """{"ok":false,"error_code":401,"description":"Unauthorized"}""")]
    [InlineData("whatsapp", """{"error":{"message":"Invalid OAuth access token","code":190}}""")]
    [InlineData("sms", """{"message":"bad token"}""")]
    public async Task Rejected_credentials_wait_for_an_operator_instead_of_failing_the_row(string channel, string body)
    {
        var provider = ProviderStub.For(channel);
        Stub(provider.Path, 401, body);
        var outcome = await provider.Start(_server).SendAsync(ProviderStub.Message(channel), CancellationToken.None);
        Assert.False(outcome.Ok);
        Assert.False(outcome.Permanent);
        Assert.True(outcome.RetryAfter >= TimeSpan.FromMinutes(5));
        Assert.Equal(1, Requests);
    }

    [Theory]
    [InlineData("telegram", 403, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""", "blocked")]
    [InlineData("telegram", 400, """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""", "chat not found")]
    [InlineData("whatsapp", 400, """{"error":{"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException","code":131030}}""", "Recipient")]
    [InlineData("sms", 400, """{"message":"invalid destination number +971501234567"}""", "invalid destination")]
    public async Task Invalid_recipient_fails_permanently_without_retry(string channel, int status, string body, string reason)
    {
        var provider = ProviderStub.For(channel);
        Stub(provider.Path, status, body);
        var outcome = await provider.Start(_server).SendAsync(ProviderStub.Message(channel), CancellationToken.None);
        Assert.False(outcome.Ok);
        Assert.True(outcome.Permanent, outcome.Error);
        Assert.Contains(reason, outcome.Error);
        Assert.DoesNotContain("501234567", outcome.Error);
        Assert.Equal(1, Requests);
    }

    [Fact]
    public async Task WhatsApp_sends_the_template_in_the_recipients_language_with_name_and_link()
    {
        var provider = ProviderStub.For("whatsapp");
        Stub(provider.Path, 200, provider.SuccessBody);
        await provider.Start(_server).SendAsync(ProviderStub.Message("whatsapp", language: "ky"), CancellationToken.None);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal($"Bearer {ProviderStub.WhatsAppToken}", request.Headers!["Authorization"].Single());
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("whatsapp", (string)body["messaging_product"]!);
        Assert.Equal("971501234567", (string)body["to"]!);
        Assert.Equal("template", (string)body["type"]!);
        Assert.Equal("appeal_v2", (string)body["template"]!["name"]!);
        Assert.Equal("ky", (string)body["template"]!["language"]!["code"]!);
        var parameters = body["template"]!["components"]![0]!["parameters"]!.AsArray();
        Assert.Equal(["Айгүл", "http://localhost/r/0123456789abcdef0123456789abcdef"], parameters.Select(p => (string)p!["text"]!));
    }

    [Fact]
    public async Task Sms_gateway_gets_number_short_text_reference_and_token()
    {
        var provider = ProviderStub.For("sms");
        Stub(provider.Path, 200, provider.SuccessBody);
        var message = ProviderStub.Message("sms");
        await provider.Start(_server).SendAsync(message, CancellationToken.None);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal($"Bearer {ProviderStub.SmsToken}", request.Headers!["Authorization"].Single());
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("+971501234567", (string)body["to"]!);
        Assert.Equal(message.Short, (string)body["text"]!);
        Assert.Equal(message.Token, (string)body["reference"]!);
    }

    [Fact]
    public async Task Telegram_sends_the_short_text_to_the_chat()
    {
        var provider = ProviderStub.For("telegram");
        Stub(provider.Path, 200, provider.SuccessBody);
        var message = ProviderStub.Message("telegram");
        await provider.Start(_server).SendAsync(message, CancellationToken.None);
        var body = JsonNode.Parse(Assert.Single(_server.LogEntries).RequestMessage.Body!)!;
        Assert.Equal(777001, (long)body["chat_id"]!);
        Assert.Equal(message.Short, (string)body["text"]!);
    }

    public void Dispose() => _server.Stop();
}
