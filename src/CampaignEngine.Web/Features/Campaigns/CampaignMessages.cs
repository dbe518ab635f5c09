using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// What a campaign asks the send ledger to write (Sending's <see cref="Ledger"/> writes it): the people the filter
/// selects, each on the first of the campaign's channels they can be reached on, from the first opening of the
/// campaign's window after the launch time in their own time zone, on a day quiet neither for the campaign nor for its
/// module (the manifest's <c>quietDates</c>: the one place they are added to every campaign of the module, appeals,
/// certificate deliveries and reminders alike). The audience and the schedule are the campaign's; the rows are the ledger's.
/// </summary>
internal sealed class CampaignMessages(ModuleRegistry modules)
{
    public LedgerRequest Request(CampaignRow campaign, AudienceSql.Filter audience, LaunchTime launch)
    {
        // A module switched off since still has its calendar: what it sends now keeps its quiet days.
        var window = campaign.Window with { ModuleQuietDates = modules.Catalogued(campaign.ModuleId)?.QuietDates ?? [] };
        return new LedgerRequest(campaign.Id, audience.Where, audience.Parameters, AudienceSql.ChosenChannel(campaign.ChannelList),
            (zone, now) => window.NextOpening(launch.StartIn(zone, now), zone));
    }
}
