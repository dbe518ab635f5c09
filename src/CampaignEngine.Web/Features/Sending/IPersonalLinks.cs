namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// Each recipient's own page link (<c>links.me</c>) for one claimed batch, in one or two queries rather than one per
/// message. Sending owns this port and the page's feature implements it, so sending does not know where the links are
/// kept or how they are made.
/// </summary>
internal interface IPersonalLinks
{
    /// <summary>The token of each person's own page by compatriot id, made for those who had none; erased people have none.</summary>
    Task<IReadOnlyDictionary<long, string>> ForBatchAsync(IReadOnlyCollection<long> compatriotIds);
}
