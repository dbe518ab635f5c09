namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// Whether a campaign asks for a project: a pledge through one of its links may name only those. Owned here, where
/// the public pledge is taken; implemented by the Campaigns feature, which owns the link between the two.
/// </summary>
internal interface ICampaignProjects
{
    bool Names(long campaignId, long projectId);

    /// <summary>The projects the campaign asks for, by id: what its links' pledge form offers.</summary>
    IReadOnlyList<long> Of(long campaignId);
}
