using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Certificates.Receipts;

/// <summary>
/// One approved fulfilment of a person's pledge, as a receipt prints it: what arrived (money in its currency, hours, or
/// goods with the pledge's description), what it went to (<see cref="Target"/>: the project's or the appeal's public title;
/// null: the home region), when it was received and approved, the evidence, and the module whose administration answers
/// for it (the campaign's, else the project's; null: the home module of <see cref="Region"/>).
/// </summary>
internal sealed record ApprovedFulfilment(
    long Id, string Kind, decimal? Amount, string? Currency, decimal? Hours, decimal? Items, string? Description, string Evidence,
    DateTimeOffset ReceivedAt, DateTimeOffset ApprovedAt, string? ModuleId, LocalizedText? Target, string? Region);

/// <summary>
/// The certificates feature's port to the pledges feature, which owns fulfilments and implements it (like
/// <see cref="Bulk.IContributionTotals"/>): receipts are signed here, from what the pledges feature says arrived.
/// </summary>
internal interface IApprovedFulfilments
{
    /// <summary>The approved fulfilments of every pledge of the person, oldest received first.</summary>
    IReadOnlyList<ApprovedFulfilment> Of(long compatriotId);
}
