using MimeKit;

namespace CampaignEngine.Web.Features.Responses.Desk.Email;

/// <summary>
/// Mail that no person wrote to us: out-of-office notes and other auto-replies, and bounces. Neither is a desk item. An
/// auto-reply asks nothing, and answering it would start a loop of two robots writing to each other (RFC 3834 asks
/// responders never to answer mail marked <c>Auto-Submitted</c>); a bounce says a message of ours was not delivered,
/// which is no question for anyone on staff.
/// </summary>
internal static class AutomaticMail
{
    private static readonly string[] AutoReplySubjects =
    [
        "Out of Office", "Automatic reply", "Auto:", "Autoreply", "Auto-reply", "Автоматический ответ", "Автоответ", "Нет на месте",
        "Вне офиса", "Автоматтык жооп",
    ];

    private static readonly string[] BulkPrecedence = ["bulk", "junk", "list", "auto_reply"];

    public static EmailOutcome? Kind(MimeMessage message) =>
        IsBounce(message) ? EmailOutcome.Bounce : IsAutoReply(message) ? EmailOutcome.AutoReply : null;

    private static bool IsBounce(MimeMessage message) =>
        message.Body is MultipartReport { ReportType: { } type } && type.Equals("delivery-status", StringComparison.OrdinalIgnoreCase)
        // Delivery reports go out from the null sender (RFC 5321 §4.5.5) and as the mail system, not a person.
        || message.Headers[HeaderId.ReturnPath]?.Trim() == "<>"
        || message.From.Mailboxes.Any(m => m.LocalPart.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase)
                                           || m.LocalPart.Equals("postmaster", StringComparison.OrdinalIgnoreCase));

    private static bool IsAutoReply(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers["Auto-Submitted"] is { } submitted && !submitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase)) return true;
        if (headers[HeaderId.Precedence] is { } precedence && BulkPrecedence.Contains(precedence.Trim(), StringComparer.OrdinalIgnoreCase)) return true;
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond")) return true;
        var subject = message.Subject?.Trim() ?? "";
        return AutoReplySubjects.Any(s => subject.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
