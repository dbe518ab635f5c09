using System.Security.Cryptography;
using System.Text.Json;
using CampaignEngine.Web.Features.Responses.Desk.Email;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>
/// Provider callbacks: delivery statuses and inbound messages (reply e-mails too), each verified with the channel's
/// secret. A body is read only up to 1 MB; a signed timestamp older than <see cref="WebhookOptions.MaxAgeMinutes"/> is
/// refused, and an event already applied (by its provider id) is acknowledged without being applied again.
/// </summary>
[AllowAnonymous, IgnoreAntiforgeryToken]
internal sealed class WebhooksController(
    IConfiguration configuration, ProviderEvents events, IOptions<WebhookOptions> options, TimeProvider clock, WebhookMetrics metrics,
    ILogger<WebhooksController> logger)
    : ControllerBase
{
    public const int MaxBody = 1 << 20;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<EmailOutcome, string> Outcomes = new()
    {
        [EmailOutcome.Received] = "received", [EmailOutcome.Repeated] = "repeated", [EmailOutcome.Stop] = "stop",
        [EmailOutcome.AutoReply] = "auto-reply", [EmailOutcome.Bounce] = "bounce", [EmailOutcome.NoSender] = "no-sender",
    };

    [HttpPost("/webhooks/{channel}")]
    public async Task<IActionResult> Receive(string channel)
    {
        if (channel is not ("whatsapp" or "telegram" or "sms")) return NotFound();
        var (body, refusal) = await ReadSignedAsync(channel);
        if (body is null) return refusal!;

        List<ProviderEvent> parsed;
        try
        {
            using var document = JsonDocument.Parse(body);
            parsed = (channel switch
            {
                "whatsapp" => ProviderPayloads.WhatsApp(document.RootElement),
                "telegram" => ProviderPayloads.Telegram(document.RootElement),
                _ => ProviderPayloads.Sms(document.RootElement),
            }).ToList();
        }
        catch (JsonException) { return Rejected(channel, WebhookMetrics.Malformed, Problems.Invalid("body", "is not valid JSON")); }

        var now = clock.GetUtcNow();
        var maxAge = TimeSpan.FromMinutes(Math.Max(1, options.Value.MaxAgeMinutes));
        if (parsed.FirstOrDefault(e => e.SignedAt is { } at && (at < now - maxAge || at > now + ClockSkew)) is { } stale)
        {
            logger.LogWarning("Refused a {Channel} webhook with a stale timestamp", channel);
            return Rejected(channel, WebhookMetrics.Stale, Problems.Invalid("timestamp", $"The event is signed at {stale.SignedAt:O}, outside the accepted {maxAge.TotalMinutes:0} minutes: a replay is refused."));
        }
        // An event without a provider id (an inbound SMS from a gateway that gives none) is known by its signed bytes.
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var identified = parsed.Select((e, i) => e.EventId is null ? e with { EventId = $"body:{bodyHash}:{i}" } : e).ToList();
        var remember = TimeSpan.FromDays(Math.Max(1, options.Value.RememberDays));
        var (applied, replayed) = events.Apply(identified, e => e.SignedAt is { } at ? at + maxAge + ClockSkew : now + remember);
        if (replayed > 0) logger.LogInformation("A {Channel} webhook repeated {Replayed} events already applied; they were not applied again", channel, replayed);
        // Providers retry anything but 2xx; what we could not match, or had already applied, is still acknowledged.
        return Ok(new { applied, replayed });
    }

    /// <summary>
    /// A reply e-mail as a mail provider's inbound route posts it: the raw MIME message as the body (any content type,
    /// <c>message/rfc822</c> among them), signed like the SMS gateway's callbacks. A replay of the same Message-ID is
    /// acknowledged and changes nothing.
    /// </summary>
    [HttpPost("/webhooks/email")]
    public async Task<IActionResult> ReceiveEmail([FromServices] EmailReplies replies)
    {
        var (body, refusal) = await ReadSignedAsync("email");
        if (body is null) return refusal!;
        using var raw = new MemoryStream(body);
        MimeMessage message;
        try { message = await MimeMessage.LoadAsync(raw, HttpContext.RequestAborted); }
        catch (FormatException) { return Rejected("email", WebhookMetrics.Malformed, Problems.Invalid("body", "is not a MIME message (RFC 5322)")); }
        var outcome = replies.Receive(message);
        if (outcome == EmailOutcome.NoSender) return Problems.Invalid("From", "the message has no sender address: there is nobody to answer");
        // Like the other callbacks: what was a replay, automatic or a STOP is still acknowledged, or the provider retries it.
        return Ok(new { outcome = Outcomes[outcome] });
    }

    /// <summary>
    /// The body of a callback the channel's provider signed, or why it is refused: no secret configured (503, the
    /// endpoint refuses everything then), over 1 MB (413, never read whole), a bad token or signature (401).
    /// </summary>
    private async Task<(byte[]? Body, IActionResult? Refusal)> ReadSignedAsync(string channel)
    {
        var secret = configuration[$"Webhooks:{Capitalised(channel)}:Secret"];
        if (string.IsNullOrEmpty(secret)) return (null, Rejected(channel, WebhookMetrics.Unconfigured, StatusCode(StatusCodes.Status503ServiceUnavailable)));
        if (Request.ContentLength > MaxBody) return (null, Rejected(channel, WebhookMetrics.TooLarge, StatusCode(StatusCodes.Status413PayloadTooLarge)));
        // Telegram's secret is a header: checked before a byte of the body is read.
        if (channel == "telegram" && !WebhookSignature.TokenMatches(secret, Request.Headers["X-Telegram-Bot-Api-Secret-Token"])) return (null, Refused(channel));

        var body = await ReadAtMostAsync(Request.Body, MaxBody, HttpContext.RequestAborted);
        if (body is null) return (null, Rejected(channel, WebhookMetrics.TooLarge, StatusCode(StatusCodes.Status413PayloadTooLarge)));
        if (channel != "telegram" && !WebhookSignature.HmacMatches(secret, body, Request.Headers[channel == "whatsapp" ? "X-Hub-Signature-256" : "X-Signature"]))
            return (null, Refused(channel));
        return (body, null);
    }

    private IActionResult Refused(string channel)
    {
        logger.LogWarning("Rejected a {Channel} webhook with a bad signature", channel);
        return Rejected(channel, WebhookMetrics.Signature, Unauthorized());
    }

    /// <summary>The refusal, counted on /metrics by channel and reason.</summary>
    private IActionResult Rejected(string channel, string reason, IActionResult refusal)
    {
        metrics.Rejected(channel, reason);
        return refusal;
    }

    /// <summary>The body, or null as soon as it passes <paramref name="limit"/> bytes: a larger body is never read whole.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Capitalised(string channel) => channel switch
    {
        "whatsapp" => "WhatsApp",
        "telegram" => "Telegram",
        "email" => "Email",
        _ => "Sms",
    };
}
