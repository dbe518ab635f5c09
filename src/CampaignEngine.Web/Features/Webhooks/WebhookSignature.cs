using System.Security.Cryptography;
using System.Text;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>
/// Checks that a callback really comes from the provider. Each channel has a secret in
/// <c>Webhooks:&lt;Channel&gt;:Secret</c>; without one the endpoint refuses everything, because an
/// unverified callback could opt people out or fake deliveries.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>WhatsApp (Meta) and the SMS gateway: <c>sha256=</c> + hex HMAC-SHA256 of the raw body with the secret.</summary>
    public static bool HmacMatches(string secret, byte[] body, string? header)
    {
        if (string.IsNullOrEmpty(header)) return false;
        var hex = header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) ? header[7..] : header;
        byte[] given;
        try { given = Convert.FromHexString(hex); }
        catch (FormatException) { return false; }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Telegram: the secret token set with setWebhook comes back in a header, as is.</summary>
    public static bool TokenMatches(string secret, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(header));

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();
}
