using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>Drafts and clean-up shared by the launch and dispatch items, so every run starts from the same ledger.</summary>
internal static class Campaigns
{
    public static CampaignRow Draft(ProductHost host, string name, Segment segment)
    {
        var store = host.Services.GetRequiredService<CampaignStore>();
        var id = store.Create("national", new CampaignDraft(name, "appeal", CampaignRow.ToJson(segment),
            "whatsapp;telegram;sms;email", "00:00", "24:00", ""), host.Admin.Id);
        return store.Find(id, AccessScope.Of(host.Admin))!;
    }

    /// <summary>Removes a run's ledger rows and folds the WAL back (SQLite) or vacuums them away (PostgreSQL), outside the stopwatch.</summary>
    public static void Forget(ProductHost host, long campaignId)
    {
        // A launch "now" queues its dispatch at once. Paused (as an officer pauses it, through the campaign's owner), the
        // campaign's dispatch stops at its next batch instead of sending beside the next measurement.
        if (host.Services.GetRequiredService<CampaignStore>().Find(campaignId, AccessScope.Of(host.Admin)) is { } campaign)
            host.Services.GetRequiredService<CampaignService>().Pause(campaign, host.Admin);
        using var connection = host.Open();
        connection.Execute("DELETE FROM send_message WHERE campaign_id = @campaignId", new { campaignId });
        if (!host.OnPostgreSql) connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        else connection.Execute("VACUUM ANALYZE send_message");
    }
}
