namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// One message that reached the product from outside: a channel reply, an e-mail or a question asked on a landing page.
/// Whatever links it to a person, a message or a thread is set when the source knows it; nothing else is required, so
/// a sender matched to nobody is kept (with <see cref="UnknownSender"/>) rather than dropped.
/// </summary>
/// <param name="Channel">Where it came from: email, whatsapp, telegram, sms or web (the landing page's form).</param>
internal sealed record InboundItem(string Channel, string Text, DateTimeOffset At)
{
    /// <summary>The person who wrote, when the sender's address, handle or link matched one.</summary>
    public long? CompatriotId { get; init; }

    /// <summary>The sender's address or handle when it matched nobody.</summary>
    public string? UnknownSender { get; init; }

    /// <summary>The ledger message it answers (by tracking token, In-Reply-To or the provider's context id).</summary>
    public long? MessageId { get; init; }

    /// <summary>The source's own id for it (a provider's event id, an e-mail's Message-ID): the same one is taken once.</summary>
    public string? ExternalId { get; init; }

    /// <summary>An e-mail's Message-ID, which an answer on e-mail replies to.</summary>
    public string? EmailReference { get; init; }

    /// <summary>That e-mail's subject: an answer on e-mail is "Re: " it.</summary>
    public string? EmailSubject { get; init; }

    /// <summary>The <c>response_reply</c> row a channel reply was also stored as.</summary>
    public long? ReplyId { get; init; }

    /// <summary>A question asked on purpose (the landing page's form) opens a thread of its own.</summary>
    public bool OpensThread { get; init; }

    /// <summary>The organisation the person addressed instead of the administration; its leaders see the thread.</summary>
    public long? OrganizationId { get; init; }

    /// <summary>What the desk keeps of the person (<see cref="CompatriotId"/>), when the source read them already.</summary>
    public SenderFacts? Sender { get; init; }
}

/// <summary>The person who wrote as a thread keeps them: their language, and the gender and home region the figures and the scope read.</summary>
internal sealed record SenderFacts(string Language, string Gender, string? HomeRegion);
