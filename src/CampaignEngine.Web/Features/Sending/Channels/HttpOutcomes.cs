using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>How an HTTP provider's answer maps to a ledger outcome: what is worth retrying and what is not.</summary>
internal static class HttpOutcomes
{
    private const int MaxErrorLength = 200;

    /// <summary>
    /// A 200 we cannot read may already have been delivered: it is not retried within the call, and the
    /// ledger waits this long before trying again.
    /// </summary>
    public static readonly TimeSpan AfterMalformedAnswer = TimeSpan.FromMinutes(1);

    /// <summary>Bad credentials or an unknown template need an operator, not an immediate retry.</summary>
    public static readonly TimeSpan AfterConfigurationError = TimeSpan.FromMinutes(5);

    /// <summary>The one call the JSON providers (WhatsApp, the SMS gateway) make: POST a body with a bearer token, read the outcome.</summary>
    public static async ValueTask<SendOutcome> PostJsonAsync(
        HttpClient client, string url, string? token, JsonNode body, string channel, Func<JsonNode, string?> providerId,
        Func<HttpStatusCode, JsonNode?, bool> isPermanent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        return await ReadAsync(response, channel, providerId, isPermanent, cancellationToken);
    }

    public static async Task<SendOutcome> ReadAsync(
        HttpResponseMessage response, string channel, Func<JsonNode, string?> providerId,
        Func<HttpStatusCode, JsonNode?, bool> isPermanent, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = TryParse(body);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = json is null ? null : SafeId(providerId, json);
            // A 200 we cannot read may or may not have been sent; retrying risks a duplicate, giving up risks
            // silence. The ledger retries later (bounded by its attempts), because a missing appeal is worse.
            return string.IsNullOrEmpty(id)
                ? SendOutcome.Failed($"{channel}: malformed response (HTTP {status}, no message id)", permanent: false, AfterMalformedAnswer)
                : SendOutcome.Sent(id);
        }
        var error = $"{channel}: HTTP {status} {Describe(json, body)}".TrimEnd();
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
            return SendOutcome.Failed(error, permanent: false, RetryAfter(response) ?? TimeSpan.FromSeconds(30));
        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
            return SendOutcome.Failed(error, permanent: false, RetryAfter(response));
        var permanent = isPermanent(response.StatusCode, json);
        return SendOutcome.Failed(error, permanent, permanent ? null : AfterConfigurationError);
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

    private static string? Value(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    /// <summary>An answer of the wrong shape (an array where an object was expected) is "no id", not a crash.</summary>
    private static string? SafeId(Func<JsonNode, string?> providerId, JsonNode json)
    {
        try { return providerId(json); }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException) { return null; }
    }

    private static JsonNode? TryParse(string body)
    {
        try { return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }

    /// <summary>The provider's own error text, shortened; it is stored as the row's reason, so keep it readable.</summary>
    private static string Describe(JsonNode? json, string body)
    {
        var root = json as JsonObject;
        var error = root?["error"];
        var text = (error is JsonObject details ? Value(details["message"]) ?? Value(details["title"]) : Value(error))
            ?? Value(root?["description"]) ?? Value(root?["message"])
            ?? (json is null && body.Length > 0 ? "(not JSON)" : "");
        text = ChannelErrors.Redact(text);
        return text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
    }
}
