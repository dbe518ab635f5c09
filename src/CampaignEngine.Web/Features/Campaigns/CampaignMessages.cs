using CampaignEngine.Web.Features.Sending;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// What a campaign asks the send ledger to write (Sending's <see cref="Ledger"/> writes it): the people the filter
/// selects, each on the first of the campaign's channels they can be reached on, from the first opening of the
/// campaign's window after the launch time in their own time zone. The audience and the schedule are the campaign's;
/// the rows are the ledger's.
/// </summary>
internal static class CampaignMessages
{
    public static LedgerRequest Request(CampaignRow campaign, AudienceSql.Filter audience, LaunchTime launch)
    {
        var window = campaign.Window;
        return new LedgerRequest(campaign.Id, audience.Where, audience.Parameters, AudienceSql.ChosenChannel(campaign.ChannelList),
            (zone, now) => window.NextOpening(launch.StartIn(zone, now), zone));
    }
}
