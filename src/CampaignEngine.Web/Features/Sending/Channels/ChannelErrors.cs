using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// Provider error texts often echo the address they refused. They are stored as the ledger's reason and
/// shown on the failures page, so e-mail addresses and phone numbers are masked first.
/// </summary>
internal static partial class ChannelErrors
{
    public static string Redact(string text) => Phone().Replace(Email().Replace(text, "<address>"), "<phone>");

    [GeneratedRegex(@"[^\s<>""']+@[^\s<>""']+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d \-]{7,}\d")]
    private static partial Regex Phone();
}
