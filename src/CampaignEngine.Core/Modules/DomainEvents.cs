namespace CampaignEngine.Core.Modules;

/// <summary>Marker for events the host publishes to modules.</summary>
public interface IDomainEvent;

/// <summary>A compatriot made a pledge.</summary>
public sealed record PledgeRecorded(long PledgeId, long CompatriotId, string? HomeRegion, long? CampaignId, string Kind, decimal? AmountUsd, decimal? Hours) : IDomainEvent;

/// <summary>A pledge was fulfilled (the approved fulfilments reached its amount).</summary>
public sealed record PledgeFulfilled(long PledgeId, long CompatriotId, string? HomeRegion, decimal FulfilledUsd, decimal FulfilledHours) : IDomainEvent;
