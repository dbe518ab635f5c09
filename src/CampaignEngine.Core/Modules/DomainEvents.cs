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
