using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MimeKit;

namespace CampaignEngine.Web.Features.Responses.Desk.Email;

/// <summary>What happened to one e-mail that reached the product.</summary>
internal enum EmailOutcome
{
    /// <summary>It reached the desk.</summary>
    Received,

    /// <summary>It had been taken before (the same Message-ID): nothing changed.</summary>
    Repeated,

    /// <summary>A STOP word: the sender, when known, no longer gets e-mail; no desk item.</summary>
    Stop,

    /// <summary>An out-of-office note or another automatic reply: no desk item.</summary>
    AutoReply,

    /// <summary>A delivery failure report: no desk item.</summary>
    Bounce,

    /// <summary>No From address: nobody to link it to or answer.</summary>
    NoSender,
}

/// <summary>
/// What an e-mail tells the desk, read once from the MIME message: who sent it, its Message-ID (taken once, and
/// replied to by an answer), the Message-IDs it answers (In-Reply-To first, then References newest first), and the
/// person's own words.
/// </summary>
internal sealed partial record InboundEmail(string? From, string ExternalId, string? MessageId, IReadOnlyList<string> Answers, string Subject, string Text)
{
    /// <summary>How many referenced Message-IDs are looked up: a long thread's oldest ones name nothing newer.</summary>
    private const int MaxReferences = 20;

    public static InboundEmail Read(MimeMessage message)
    {
        var answers = new List<string>();
        if (!string.IsNullOrWhiteSpace(message.InReplyTo)) answers.Add(message.InReplyTo.Trim());
        answers.AddRange(message.References.Reverse());
        var subject = message.Subject?.Trim() ?? "";
        var text = EmailText.Of(message);
        return new InboundEmail(
            message.From.Mailboxes.FirstOrDefault()?.Address?.Trim().ToLowerInvariant() is { Length: > 0 } from ? from : null,
            string.IsNullOrWhiteSpace(message.MessageId) ? "sha256:" + ContentHash(message) : message.MessageId,
            string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId,
            answers.Distinct(StringComparer.Ordinal).Take(MaxReferences).ToList(),
            subject,
            text.Length > 0 ? text : subject);
    }

    /// <summary>A STOP word as the subject ("Re: STOP" too) or as the first line of the person's words.</summary>
    public bool IsStop => StopWords.IsStop(ReplyPrefix().Replace(Subject, "")) || StopWords.IsStop(Text.Split('\n', 2)[0]);

    /// <summary>A message without a Message-ID is known by its bytes, so that taking it again changes nothing either.</summary>
    private static string ContentHash(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }

    [GeneratedRegex(@"^\s*((re|fwd?|aw|ответ|отв)\s*(\[\d+\])?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();
}
