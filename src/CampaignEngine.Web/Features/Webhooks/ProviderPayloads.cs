using System.Text.Json;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>Reads each provider's callback format into <see cref="ProviderEvent"/>s; unknown parts are ignored.</summary>
public static class ProviderPayloads
{
    /// <summary>WhatsApp Cloud API: entry[].changes[].value.statuses[] and .messages[].</summary>
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
                    yield return new DeliveryReport("whatsapp", id, state, error);
            }
            foreach (var message in Array(value, "messages"))
            {
                var body = message.TryGetProperty("text", out var text) ? Text(text, "body") : null;
                if (Text(message, "from") is { } from && body is not null)
                    yield return new InboundMessage("whatsapp", Phone(from), body, []);
            }
        }
    }

    /// <summary>Telegram Bot API update: message.chat.id, message.from.username, message.text.</summary>
    public static IEnumerable<ProviderEvent> Telegram(JsonElement root)
    {
        if (!root.TryGetProperty("message", out var message) || Text(message, "text") is not { } text) yield break;
        var handles = new List<string>();
        if (message.TryGetProperty("chat", out var chat) && chat.TryGetProperty("id", out var chatId)) handles.Add(chatId.ToString());
        if (message.TryGetProperty("from", out var from) && Text(from, "username") is { } user) handles.AddRange([user, "@" + user]);
        if (handles.Count > 0) yield return new InboundMessage("telegram", handles[0], text, handles);
    }

    /// <summary>The SMS gateway: <c>{type:"delivery", id, status, error?}</c> or <c>{type:"inbound", from, text}</c>.</summary>
    public static IEnumerable<ProviderEvent> Sms(JsonElement root)
    {
        switch (Text(root, "type"))
        {
            case "delivery" when Text(root, "id") is { } id && Text(root, "status") is { } status:
                yield return new DeliveryReport("sms", id, status, Text(root, "error"));
                break;
            case "inbound" when Text(root, "from") is { } from && Text(root, "text") is { } text:
                yield return new InboundMessage("sms", Phone(from), text, []);
                break;
        }
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
