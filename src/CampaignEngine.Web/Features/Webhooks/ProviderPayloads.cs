using System.Globalization;
using System.Text.Json;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>Reads each provider's callback format into <see cref="ProviderEvent"/>s; unknown parts are ignored.</summary>
internal static class ProviderPayloads
{
    /// <summary>WhatsApp Cloud API: entry[].changes[].value.statuses[] and .messages[] (with context.id when replying to ours).</summary>
    public static IEnumerable<ProviderEvent> WhatsApp(JsonElement root)
    {
        foreach (var entry in Array(root, "entry"))
        foreach (var change in Array(entry, "changes"))
        {
            if (!change.TryGetProperty("value", out var value)) continue;
            foreach (var status in Array(value, "statuses"))
            {
                var error = Array(status, "errors").Select(e => Text(e, "title")).FirstOrDefault();
                if (Text(status, "id") is { } id && Text(status, "status") is { } state)
                    yield return new DeliveryReport("whatsapp", id, state, error) { EventId = $"status:{id}:{state}", SignedAt = UnixTime(status) };
            }
            foreach (var message in Array(value, "messages"))
            {
                var body = message.TryGetProperty("text", out var text) ? Text(text, "body") : null;
                if (Text(message, "from") is { } from && body is not null)
                    yield return new InboundMessage("whatsapp", Phone(from), body, [])
                    {
                        EventId = Text(message, "id") is { } id ? $"message:{id}" : null, SignedAt = UnixTime(message),
                        RepliesTo = message.TryGetProperty("context", out var context) ? Text(context, "id") : null,
                    };
            }
        }
    }

    /// <summary>
    /// Telegram Bot API update: update_id, message.chat.id, message.text, message.reply_to_message.message_id. The
    /// person is found by chat id only: a username can be changed and then taken by someone else, who could then answer,
    /// or opt out, as the person.
    /// Telegram signs no timestamp (its secret is a header, not a signature over the body), so only update_id guards
    /// against a replay.
    /// </summary>
    public static IEnumerable<ProviderEvent> Telegram(JsonElement root)
    {
        if (!root.TryGetProperty("message", out var message) || Text(message, "text") is not { } text) yield break;
        if (!message.TryGetProperty("chat", out var chat) || !chat.TryGetProperty("id", out var chatId) || chatId.ValueKind != JsonValueKind.Number) yield break;
        var chatText = chatId.GetRawText();
        yield return new InboundMessage("telegram", chatText, text, [chatText])
        {
            EventId = root.TryGetProperty("update_id", out var update) && update.ValueKind == JsonValueKind.Number ? $"update:{update.GetRawText()}" : null,
            // Our provider id of a Telegram message is "chat:message" (TelegramSender); a reply names the message in its chat.
            RepliesTo = message.TryGetProperty("reply_to_message", out var replied) && replied.ValueKind == JsonValueKind.Object
                        && replied.TryGetProperty("message_id", out var repliedId) && repliedId.ValueKind == JsonValueKind.Number
                ? $"{chatText}:{repliedId.GetRawText()}"
                : null,
        };
    }

    /// <summary>
    /// The SMS gateway: <c>{type:"delivery", id, status, error?, timestamp?}</c> or
    /// <c>{type:"inbound", id?, from, text, timestamp?}</c>; <c>timestamp</c> in Unix seconds, signed with the body.
    /// </summary>
    public static IEnumerable<ProviderEvent> Sms(JsonElement root)
    {
        switch (Text(root, "type"))
        {
            case "delivery" when Text(root, "id") is { } id && Text(root, "status") is { } status:
                yield return new DeliveryReport("sms", id, status, Text(root, "error")) { EventId = $"delivery:{id}:{status}", SignedAt = UnixTime(root) };
                break;
            case "inbound" when Text(root, "from") is { } from && Text(root, "text") is { } text:
                yield return new InboundMessage("sms", Phone(from), text, [])
                {
                    EventId = Text(root, "id") is { } inboundId ? $"inbound:{inboundId}" : null, SignedAt = UnixTime(root),
                };
                break;
        }
    }

    /// <summary>
    /// A <c>timestamp</c> in Unix seconds (a string at WhatsApp, a number or a string at the gateway); null when there
    /// is none. One that is there but unreadable reads as the earliest instant, so it is refused as stale rather than
    /// let through unchecked.
    /// </summary>
    private static DateTimeOffset? UnixTime(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("timestamp", out var value)) return null;
        var seconds = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => (long?)null,
        };
        return seconds is { } s && s >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && s <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : DateTimeOffset.MinValue;
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // WhatsApp sends "996555123456"; the directory stores E.164 "+996555123456".
    private static string Phone(string from) => from.StartsWith('+') ? from : "+" + from;
}
