using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>Provider callbacks: delivery statuses and inbound messages, each verified with the channel's secret.</summary>
[AllowAnonymous, IgnoreAntiforgeryToken]
public sealed class WebhooksController(IConfiguration configuration, ProviderEvents events, ILogger<WebhooksController> logger) : ControllerBase
{
    private const int MaxBody = 1 << 20;

    [HttpPost("/webhooks/{channel}")]
    public async Task<IActionResult> Receive(string channel)
    {
        if (channel is not ("whatsapp" or "telegram" or "sms")) return NotFound();
        var secret = configuration[$"Webhooks:{Capitalised(channel)}:Secret"];
        if (string.IsNullOrEmpty(secret)) return StatusCode(StatusCodes.Status503ServiceUnavailable);

        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer);
        if (buffer.Length > MaxBody) return StatusCode(StatusCodes.Status413PayloadTooLarge);
        var body = buffer.ToArray();
        var verified = channel == "telegram"
            ? WebhookSignature.TokenMatches(secret, Request.Headers["X-Telegram-Bot-Api-Secret-Token"])
            : WebhookSignature.HmacMatches(secret, body, Request.Headers[channel == "whatsapp" ? "X-Hub-Signature-256" : "X-Signature"]);
        if (!verified)
        {
            logger.LogWarning("Rejected a {Channel} webhook with a bad signature", channel);
            return Unauthorized();
        }

        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException) { return BadRequest(); }
        using (document)
        {
            var parsed = channel switch
            {
                "whatsapp" => ProviderPayloads.WhatsApp(document.RootElement),
                "telegram" => ProviderPayloads.Telegram(document.RootElement),
                _ => ProviderPayloads.Sms(document.RootElement),
            };
            foreach (var providerEvent in parsed.ToList()) events.Apply(providerEvent);
        }
        // Providers retry anything but 2xx; what we could not match is still acknowledged.
        return Ok();
    }

    private static string Capitalised(string channel) => channel switch
    {
        "whatsapp" => "WhatsApp",
        "telegram" => "Telegram",
        _ => "Sms",
    };
}
