using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// WhatsApp Cloud API. A business may open a conversation only with an approved template, so the appeal
/// goes out as the configured template in the recipient's language with two body parameters: the first
/// name and the tracked pledge link. The template's own wording is approved in Meta's manager. A desk's answer
/// within 24 hours of the person's last message is free-form text.
/// </summary>
internal sealed class WhatsAppSender(IHttpClientFactory clients, IOptions<WhatsAppOptions> options) : IChannelSender
{
    public const string HttpClientName = "whatsapp";
    private readonly WhatsAppOptions _options = options.Value;
    private readonly ResiliencePipeline<SendOutcome> _pipeline = ProviderResilience.Build(options.Value);

    // Cloud API codes that mean "this number cannot receive": retrying will not help.
    private static readonly HashSet<int> RecipientErrors = [131026, 131030, 131009, 100];

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) =>
        _pipeline.RunAsync(ct => AttemptAsync(message, ct), "whatsapp", cancellationToken);

    private ValueTask<SendOutcome> AttemptAsync(OutgoingMessage m, CancellationToken cancellationToken) =>
        HttpOutcomes.PostJsonAsync(clients.CreateClient(HttpClientName),
            $"{_options.BaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(_options.PhoneNumberId!)}/messages", _options.Token, Body(m), "whatsapp",
            json => json["messages"]?[0]?["id"]?.GetValue<string>(), IsPermanent, cancellationToken);

    /// <summary>
    /// An answer to someone who wrote in the last 24 hours is a plain text message, as WhatsApp allows inside its
    /// customer service window; everything else is a template (an answer outside the window: the answer template,
    /// whose link opens the answer page).
    /// </summary>
    private JsonObject Body(OutgoingMessage m) => m is { IsAnswer: true, ServiceWindowOpen: true } ? TextBody(m) : TemplateBody(m);

    private static JsonObject TextBody(OutgoingMessage m) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = m.Address.TrimStart('+'),
        ["type"] = "text",
        ["biz_opaque_callback_data"] = m.Token,
        ["text"] = new JsonObject { ["preview_url"] = false, ["body"] = m.Short },
    };

    private JsonObject TemplateBody(OutgoingMessage m) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = m.Address.TrimStart('+'),
        ["type"] = "template",
        ["biz_opaque_callback_data"] = m.Token,
        ["template"] = new JsonObject
        {
            ["name"] = m.IsAnswer ? _options.AnswerTemplateName : _options.TemplateName,
            ["language"] = new JsonObject { ["code"] = m.Language },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = m.FirstName ?? "" },
                    new JsonObject { ["type"] = "text", ["text"] = m.Link ?? m.UnsubscribeUrl }),
            }),
        },
    };

    /// <summary>
    /// A 400 about the recipient (invalid number, not on WhatsApp) is permanent. Other 4xx (bad token, unknown
    /// template) are our configuration: they stay transient so the ledger retries once an operator fixes it.
    /// </summary>
    private static bool IsPermanent(HttpStatusCode status, JsonNode? json)
    {
        if (status != HttpStatusCode.BadRequest || (json as JsonObject)?["error"] is not JsonObject error) return false;
        var code = error["code"] is JsonValue value && value.TryGetValue<int>(out var c) ? c : 0;
        var text = error["message"] is JsonValue message ? message.ToString() : "";
        return RecipientErrors.Contains(code) || text.Contains("recipient", StringComparison.OrdinalIgnoreCase);
    }
}
