namespace CampaignEngine.Web.Features.Certificates.Bulk;

/// <summary>
/// Which contributions a bulk issuance counts. A pledge qualifies when it belongs to the module: made through one of
/// its campaigns, or outside any campaign by a native of (or for) one of its <c>Regions</c>; with <c>AllModules</c>
/// (the national module) every pledge; with a <c>ProjectId</c>, every pledge to that project. <c>From</c>/<c>To</c>
/// bound the time money or hours were recorded as arrived (a promise: the time it was made), <c>To</c> exclusive.
/// </summary>
internal sealed record ContributionSelection(
    string ModuleId, bool AllModules, IReadOnlyList<string> Regions, long? CampaignId, long? ProjectId,
    DateTimeOffset? From, DateTimeOffset? To, bool IncludePromised);

/// <summary>What one person gave: USD at each fulfilment's own rate, hours, and how many of their pledges count.</summary>
internal sealed record ContributionTotal(long CompatriotId, int Pledges, decimal Usd, decimal Hours);

/// <summary>
/// What people actually gave, for certificates: the sums of approved fulfilments (a second person checked the
/// evidence), never a pledge's promised amount — unless <see cref="ContributionSelection.IncludePromised"/> asks to
/// count the open promises too. Implemented by the pledges feature, which owns the ledger.
/// </summary>
internal interface IContributionTotals
{
    IReadOnlyList<ContributionTotal> PerPerson(ContributionSelection selection);
}
