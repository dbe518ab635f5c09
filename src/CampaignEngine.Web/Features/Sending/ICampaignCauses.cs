using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// What a campaign's messages speak of (<c>cause.title</c>, <c>cause.description</c>): the first
/// project the campaign collects for, or null for none, when the module's own cause stands. Owned here, where messages
/// are rendered; implemented by the Campaigns feature, which owns the link between campaigns and projects.
/// </summary>
internal interface ICampaignCauses
{
    AppealCause? CauseOf(long campaignId);
}
