using System.Data;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// The people of one claimed batch who asked to be erased and are not yet (the request waits for staff, or its erasure
/// job has not run): nothing more is sent to them, whatever the campaign. Sending owns this port and the privacy feature,
/// which keeps the requests, implements it; checked at send time, like the person's own limits.
/// </summary>
internal interface IErasureHolds
{
    /// <summary>Which of <paramref name="compatriotIds"/> have an erasure request still open, in one query.</summary>
    IReadOnlySet<long> Holding(IDbConnection connection, IReadOnlyCollection<long> compatriotIds);
}
