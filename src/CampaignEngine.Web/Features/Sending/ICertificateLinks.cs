using CampaignEngine.Web.Infrastructure.Templates;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// The certificates a delivery campaign hands over, per recipient of one claimed batch (one query per batch).
/// Implemented by the certificates feature, so sending does not need to know how certificates are stored.
/// </summary>
internal interface ICertificateLinks
{
    /// <summary>Null when the campaign is not a certificate delivery; otherwise each recipient's certificate by compatriot id.</summary>
    IReadOnlyDictionary<long, CertificateModel>? ForBatch(long campaignId, string purpose, IReadOnlyCollection<long> compatriotIds);
}
