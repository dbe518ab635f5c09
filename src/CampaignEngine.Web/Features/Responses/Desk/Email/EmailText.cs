using System.Text.RegularExpressions;
using MimeKit;

namespace CampaignEngine.Web.Features.Responses.Desk.Email;

/// <summary>
/// The person's own words in an e-mail: the plain-text part (else the HTML part turned into text), without the quoted
/// history that mail programs append under a reply and without the signature. Staff read the new question, not the
/// appeal we sent quoted back to us, and the desk's lists show its first words.
/// </summary>
internal static partial class EmailText
{
    public static string Of(MimeMessage message)
    {
        var body = message.TextBody ?? (message.HtmlBody is { } html ? HtmlText.Of(html) : "");
        return WithoutHistory(body);
    }

    /// <summary>Everything before the first line that starts the quoted history or the signature, "&gt;" lines left out.</summary>
    public static string WithoutHistory(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var next = i + 1 < lines.Length ? lines[i + 1].Trim() : "";
            if (EndsTheWords(lines[i], next)) break;
            if (!lines[i].TrimStart().StartsWith('>')) kept.Add(lines[i].TrimEnd());
        }
        return string.Join('\n', kept).Trim();
    }

    private static bool EndsTheWords(string line, string next)
    {
        // "-- " is the signature delimiter (RFC 3676 §4.3); some programs trim its space.
        if (line is "-- " or "--") return true;
        var trimmed = line.Trim();
        return Attribution().IsMatch(trimmed)
               || (trimmed.StartsWith("On ", StringComparison.Ordinal) && next.EndsWith("wrote:", StringComparison.OrdinalIgnoreCase))
               || OriginalMessage().IsMatch(trimmed)
               || (HeaderFrom().IsMatch(trimmed) && HeaderFollowing().IsMatch(next))
               || SentFromDevice().IsMatch(trimmed);
    }

    /// <summary>
    /// The line a mail program writes above the quoted message: "On 1 Dec 2026, Aigul &lt;a@b&gt; wrote:", the Russian
    /// "… написал(а):" / "… пишет:", the Kyrgyz "… жазды:", and the bare "1 дек. 2026 г., 10:00, Name &lt;a@b&gt;:" of Gmail and
    /// Yandex in Russian, which names the sender's address and ends with a colon.
    /// </summary>
    [GeneratedRegex(@"^(On\s.+\swrote:|.+\s(написал|написала|написал\(а\)|пишет|жазды|жазган):|.*\d.*<[^<>\s]+@[^<>\s]+>\s*:)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Attribution();

    /// <summary>Outlook's and others' separators: "-----Original Message-----", "-----Исходное сообщение-----", a long rule.</summary>
    [GeneratedRegex(@"^(-{2,}\s*(Original Message|Forwarded message|Исходное сообщение|Пересылаемое сообщение|Оригинальное сообщение)\s*-{2,}|_{16,})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    /// <summary>Outlook's quoted header block: "From: …" (or "От: …", "Кимден: …") followed by "Sent:", "Date:", "To:" …</summary>
    [GeneratedRegex(@"^\*?(From|От|Кимден):\*?\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Date|To|Отправлено|Дата|Кому|Жөнөтүлдү|Кимге):\*?\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderFollowing();

    /// <summary>The signature phones add on their own ("Sent from my iPhone", "Отправлено с моего iPhone").</summary>
    [GeneratedRegex(@"^(Sent from my\s|Отправлено с моего\s|Отправлено из мобильной)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SentFromDevice();
}
