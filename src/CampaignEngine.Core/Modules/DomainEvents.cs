namespace CampaignEngine.Core.Modules;

/// <summary>An event the host publishes to modules.</summary>
public interface IDomainEvent
{
    /// <summary>
    /// What makes a second raise the same event (e.g. the pledge's id): each module's handler runs once per key, and
    /// handlers may be run again with the same event (delivery is at least once), so they must be safe to repeat.
    /// </summary>
    string IdempotencyKey { get; }
}

/// <summary>A compatriot made a pledge.</summary>
public sealed record PledgeRecorded(long PledgeId, long CompatriotId, string? HomeRegion, long? CampaignId, string Kind, decimal? AmountUsd, decimal? Hours) : IDomainEvent
{
    /// <summary>A pledge is recorded once: its id.</summary>
    public string IdempotencyKey => $"pledge/{PledgeId}";
}

/// <summary>
/// A pledge was fulfilled (the approved fulfilments reached its amount). <paramref name="Reason"/> says what the
/// contribution was, written for the holder of a certificate in each language ("For supporting “School renovation”
/// with 1,500 USD in 2026"), never with an internal id; <paramref name="Language"/> is the donor's own.
/// </summary>
public sealed record PledgeFulfilled(
    long PledgeId, long CompatriotId, string? HomeRegion, decimal FulfilledUsd, decimal FulfilledHours,
    Reference.LocalizedText Reason, string Language) : IDomainEvent
{
    /// <summary>A pledge is fulfilled once (a fulfilled pledge takes no more fulfilments).</summary>
    public string IdempotencyKey => $"pledge/{PledgeId}";
}

/// <summary>
/// A message reached the responses desk (a reply on a channel, an e-mail, a question from a landing page): the thread it
/// joined or opened, who wrote (null for a sender the desk does not know yet), the channel, the module the thread
/// belongs to and the topics staff gave it so far. The text stays on the desk: it is the person's own words.
/// </summary>
public sealed record ResponseReceived(
    long ThreadId, long MessageId, long? CompatriotId, string Channel, string ModuleId, IReadOnlyList<string> Topics, bool OpenedThread) : IDomainEvent
{
    /// <summary>A message reaches the desk once: its id.</summary>
    public string IdempotencyKey => $"response/{MessageId}";
}

/// <summary>
/// An appeal campaign finished sending: nothing of its ledger waits any more. The counts are its messages' at that
/// moment (a click or a pledge may still come later).
/// </summary>
public sealed record CampaignCompleted(long CampaignId, string ModuleId, long Sent, long Delivered, long Failed, long Skipped, long Clicked, long Pledged) : IDomainEvent
{
    /// <summary>
    /// A campaign completes once: when failed messages are retried and it completes again, modules are not told twice.
    /// </summary>
    public string IdempotencyKey => $"campaign/{CampaignId}/completed";
}

/// <summary>
/// A certificate was issued (a letter of gratitude, an honorary certificate, honorary citizenship; receipts are not
/// certificates): its serial, holder, the module whose issuer signed it, its kind, and the serial it replaces when it
/// is a corrected reissue.
/// </summary>
public sealed record CertificateIssued(string Serial, long CompatriotId, string ModuleId, string Kind, string? Replaces = null) : IDomainEvent
{
    /// <summary>A serial is issued once.</summary>
    public string IdempotencyKey => $"certificate/{Serial}";
}

/// <summary>
/// The events the host raises, by the names manifests and stored deliveries use (<c>pledgeFulfilled</c>): adding an
/// event is adding its record above and its line here.
/// </summary>
public static class DomainEvents
{
    /// <summary>Event name → its type, in the order the host documents them.</summary>
    public static IReadOnlyDictionary<string, Type> ByName { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["pledgeRecorded"] = typeof(PledgeRecorded),
        ["pledgeFulfilled"] = typeof(PledgeFulfilled),
        ["responseReceived"] = typeof(ResponseReceived),
        ["campaignCompleted"] = typeof(CampaignCompleted),
        ["certificateIssued"] = typeof(CertificateIssued),
    };

    /// <summary>The name of <paramref name="eventType"/>; throws for a type the host does not raise.</summary>
    public static string NameOf(Type eventType) =>
        ByName.FirstOrDefault(pair => pair.Value == eventType).Key
        ?? throw new ArgumentException($"{eventType.Name} is not an event the host raises; add it to DomainEvents.ByName.", nameof(eventType));
}
