using System.Data;
using CampaignEngine.Web.Features.Sending;

namespace CampaignEngine.Web.Features.Privacy.Requests;

/// <summary>Sending's port: the people of a batch whose erasure request is still open get nothing more.</summary>
internal sealed class ErasureHolds : IErasureHolds
{
    public IReadOnlySet<long> Holding(IDbConnection connection, IReadOnlyCollection<long> compatriotIds) => ErasureRequests.Open(connection, compatriotIds);
}
