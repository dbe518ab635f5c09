namespace CampaignEngine.Core.Modules;

/// <summary>Marker for events the host publishes to modules.</summary>
public interface IDomainEvent;

/// <summary>A compatriot made a pledge.</summary>
public sealed record PledgeRecorded(long PledgeId, long CompatriotId, string? HomeRegion, long? CampaignId, string Kind, decimal? AmountUsd, decimal? Hours) : IDomainEvent;

/// <summary>
/// A pledge was fulfilled (the approved fulfilments reached its amount). <paramref name="Reason"/> says what the
/// contribution was, written for the holder of a certificate in each language ("For supporting “School renovation”
/// with 1,500 USD in 2026"), never with an internal id; <paramref name="Language"/> is the donor's own.
/// </summary>
public sealed record PledgeFulfilled(
    long PledgeId, long CompatriotId, string? HomeRegion, decimal FulfilledUsd, decimal FulfilledHours,
    Reference.LocalizedText Reason, string Language) : IDomainEvent;
