using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// A generic SMS gateway: <c>POST {BaseUrl}/messages</c> with <c>{ to, text, reference }</c> and a bearer
/// token, answering with the gateway's message id. The reference is our tracking token, so delivery
/// reports can be matched to the ledger row without storing the phone number anywhere else.
/// </summary>
internal sealed class SmsGatewaySender(IHttpClientFactory clients, IOptions<SmsOptions> options) : IChannelSender
{
    public const string HttpClientName = "sms";
    private readonly SmsOptions _options = options.Value;
    private readonly ResiliencePipeline<SendOutcome> _pipeline = ProviderResilience.Build(options.Value);

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        _pipeline.RunAsync(ct => AttemptAsync(message, ct), "sms", cancellationToken);

    private ValueTask<SendOutcome> AttemptAsync(OutgoingMessage m, CancellationToken cancellationToken) =>
        HttpOutcomes.PostJsonAsync(clients.CreateClient(HttpClientName), $"{_options.BaseUrl!.TrimEnd('/')}/messages", _options.Token,
            new JsonObject { ["to"] = m.Address, ["text"] = m.Short, ["reference"] = m.Token }, "sms", ProviderId, IsPermanent, cancellationToken);

    // Gateways differ in what they call the id; these are the common spellings.
    private static string? ProviderId(JsonNode json) =>
        (json["id"] ?? json["messageId"] ?? json["message_id"] ?? json["messages"]?[0]?["id"]) is JsonValue v ? v.ToString() : null;

    /// <summary>400/404/422 refuse this number or text (invalid, unreachable, barred); 401/403 are our credentials and may be fixed.</summary>
    private static bool IsPermanent(HttpStatusCode status, JsonNode? json) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Gone;
}
