namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// The answers a desk-answer campaign carries, per recipient of one claimed batch (one query per batch). Implemented by
/// the responses feature, so sending does not need to know how the desk stores its threads.
/// </summary>
internal interface IDeskAnswers
{
    /// <summary>Null when the campaign is not a desk answer; otherwise each recipient's answer by compatriot id.</summary>
    IReadOnlyDictionary<long, DeskAnswer>? ForBatch(long campaignId, string purpose, IReadOnlyCollection<long> compatriotIds);

    /// <summary>
    /// Answers whose ledger row reached its end: sent, or skipped or failed with no other channel left to try. Called in
    /// the transaction that records those outcomes, so the desk hears of each once, or of none when the write fails.
    /// </summary>
    void Settled(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, IReadOnlyList<AnswerOutcome> outcomes);
}

/// <summary>How one answer's ledger row ended: sent on its channel, or not, with the ledger's reason (<c>opted-out</c>, <c>no-address</c> …).</summary>
internal sealed record AnswerOutcome(long CampaignId, long CompatriotId, string Channel, bool Sent, string? Error);

/// <summary>
/// One answer on its way: what staff wrote, and what a channel needs to reply in the person's own conversation.
/// </summary>
/// <param name="EmailReference">The Message-ID of the person's newest e-mail: the answer replies to it (In-Reply-To, References).</param>
/// <param name="EmailSubject">That e-mail's subject: the answer's is "Re: " it.</param>
/// <param name="LastWhatsAppAt">When the person last wrote on WhatsApp: within 24 hours a free-form text may answer.</param>
internal sealed record DeskAnswer(string Text, string? EmailReference, string? EmailSubject, DateTimeOffset? LastWhatsAppAt)
{
    /// <summary>How long WhatsApp lets a business answer freely after the person's last message (its customer service window).</summary>
    public static readonly TimeSpan WhatsAppServiceWindow = TimeSpan.FromHours(24);

    /// <summary>The most of an answer an SMS carries before the link to the whole answer (about four Cyrillic segments).</summary>
    public const int SmsChars = 240;

    /// <summary>The answer's text as <paramref name="channel"/> carries it: an SMS is cut short, since the link beside it opens the whole.</summary>
    public string TextFor(string channel) =>
        channel == "sms" && Text.Length > SmsChars ? string.Concat(Text.AsSpan(0, SmsChars - 1).TrimEnd(), "…") : Text;

    public bool ServiceWindowOpen(DateTimeOffset now) => LastWhatsAppAt is { } last && now - last < WhatsAppServiceWindow;

    /// <summary>"Re: " the person's subject, once; null when they did not write by e-mail.</summary>
    public string? ReplySubject => string.IsNullOrWhiteSpace(EmailSubject) ? null
        : EmailSubject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? EmailSubject.Trim() : $"Re: {EmailSubject.Trim()}";
}
