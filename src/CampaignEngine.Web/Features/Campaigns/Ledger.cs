using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>
/// Writes the send ledger at launch: one row per (campaign, recipient, channel) in a single
/// INSERT … SELECT. The unique key makes a second launch a no-op, and the tracking token is random
/// per row so that links cannot be guessed from one another.
/// </summary>
public sealed class Ledger(Db db, TimeProvider clock)
{
    public int Write(CampaignRow campaign, ModuleManifest module, DateTimeOffset notBefore, string? scopeRegion)
    {
        var filter = AudienceSql.Build(module, campaign.Segment, clock.GetUtcNow().Year, scopeRegion);
        filter.Parameters.Add("campaignId", campaign.Id);
        filter.Parameters.Add("notBefore", notBefore);
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var written = connection.Execute($"""
            INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, token)
            SELECT @campaignId, id, channel, language, 'pending', @notBefore, lower(hex(randomblob(16)))
            FROM (SELECT c.id, c.language, {AudienceSql.ChosenChannel(campaign.ChannelList)} AS channel
                  FROM directory_compatriot c
                  WHERE {filter.Where})
            WHERE channel IS NOT NULL
            ON CONFLICT (campaign_id, compatriot_id, channel) DO NOTHING
            """, filter.Parameters, transaction);
        transaction.Commit();
        return written;
    }
}
