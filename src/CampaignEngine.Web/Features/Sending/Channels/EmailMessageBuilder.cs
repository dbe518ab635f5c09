using System.Net;
using MimeKit;

namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// Builds the MIME message: text and HTML alternatives, one-click unsubscribe headers (RFC 8058, which
/// the large mailbox providers require for bulk senders), a Message-ID unique per ledger row so a
/// resend after a crash is recognisable as the same message, and for a desk's answer the headers of a reply.
/// </summary>
internal static class EmailMessageBuilder
{
    public static MimeMessage Build(OutgoingMessage m, MailboxAddress from)
    {
        var message = new MimeMessage();
        // The address is the configured one (its domain is what SPF and DKIM vouch for); the name is the module's.
        message.From.Add(m.SenderName is { Length: > 0 } name ? new MailboxAddress(name, from.Address) : from);
        message.To.Add(MailboxAddress.Parse(m.Address));
        message.Subject = m.Subject;
        message.MessageId = MessageId(m);
        if (m.InReplyTo is { Length: > 0 } reference)
        {
            // An answer replies to the person's own e-mail: their mail client shows it in the same conversation.
            message.InReplyTo = reference;
            message.References.Add(reference);
        }
        message.Headers.Add("List-Unsubscribe", $"<{m.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var body = new BodyBuilder { TextBody = m.Text, HtmlBody = m.Html ?? HtmlFromText(m.Text, m.Language) };
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>Without angle brackets: MimeKit adds them when it writes the header.</summary>
    public static string MessageId(OutgoingMessage m) => $"{m.MessageId}.{m.Token[..Math.Min(8, m.Token.Length)]}@campaign-engine";

    private static string HtmlFromText(string text, string language)
    {
        var paragraphs = text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => "<p>" + WebUtility.HtmlEncode(p.Trim()).Replace("\n", "<br>") + "</p>");
        return $"<!doctype html><html lang=\"{WebUtility.HtmlEncode(language)}\"><head><meta charset=\"utf-8\"></head><body>{string.Join("", paragraphs)}</body></html>";
    }
}
