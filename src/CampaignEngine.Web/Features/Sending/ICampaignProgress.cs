using System.Data;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// The campaign status changes that sending causes: a scheduled campaign starts when its time comes, a campaign whose
/// ledger is done completes, and one that gets fallback messages sends again. Implemented by the campaigns feature,
/// which owns the <c>campaign</c> table; each change runs on the caller's connection (and transaction) and is a
/// no-op when the campaign is not in the expected state, so a repeated job changes nothing.
/// </summary>
internal interface ICampaignProgress
{
    void StartIfDue(IDbConnection connection, long campaignId, DateTimeOffset now);

    void CompleteIfSending(IDbConnection connection, long campaignId);

    void ReopenIfCompleted(IDbConnection connection, IDbTransaction transaction, long campaignId);
}
