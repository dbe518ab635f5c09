using System.Globalization;
using System.Text;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>When to start: an instant for everyone, or a wall-clock time in each recipient's own time zone.</summary>
public sealed record LaunchTime(DateTimeOffset? At, DateTime? LocalAt)
{
    public static readonly LaunchTime Now = new(null, null);

    /// <summary>The earliest moment the campaign may reach someone living in <paramref name="zone"/>.</summary>
    public DateTimeOffset StartIn(TimeZoneInfo zone, DateTimeOffset now)
    {
        var start = LocalAt is { } local
            ? SendWindow.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zone)
            : At ?? now;
        return start < now ? now : start;
    }
}

/// <summary>
/// Writes the send ledger at launch: one row per (campaign, recipient, channel) in a single
/// INSERT … SELECT. Each row's not_before is the first opening of the campaign's window in the
/// recipient's time zone; the zones of an audience are few, so they are computed here and passed as
/// one CASE. The unique key makes a second launch a no-op, and the tracking token is random per row.
/// </summary>
public sealed class Ledger(Db db, TimeProvider clock)
{
    public sealed record Result(int Written, DateTimeOffset? FirstSend);

    public Result Write(CampaignRow campaign, ModuleManifest module, LaunchTime launch, string? scopeRegion)
    {
        var filter = AudienceSql.Build(module, campaign.Segment, clock.GetUtcNow().Year, scopeRegion);
        return WriteFor(campaign, filter, launch);
    }

    /// <summary>Writes ledger rows for the compatriots <c>c</c> that <paramref name="filter"/> selects (e.g. the holders of monthly pledges).</summary>
    public Result WriteFor(CampaignRow campaign, AudienceSql.Filter filter, LaunchTime launch)
    {
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        var zones = connection.Query<string>($"SELECT DISTINCT c.time_zone FROM directory_compatriot c WHERE {filter.Where}", filter.Parameters).ToList();
        if (zones.Count == 0) return new Result(0, null);

        var window = campaign.Window;
        var notBefore = new StringBuilder("CASE c.time_zone");
        var opening = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < zones.Count; i++)
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zones[i], out var found) ? found : TimeZoneInfo.Utc;
            opening[zones[i]] = window.NextOpening(launch.StartIn(zone, now), zone);
            notBefore.Append(CultureInfo.InvariantCulture, $" WHEN @zone{i} THEN @opens{i}");
            filter.Parameters.Add($"zone{i}", zones[i]);
            filter.Parameters.Add($"opens{i}", opening[zones[i]]);
        }
        notBefore.Append(" END");
        filter.Parameters.Add("campaignId", campaign.Id);

        using var transaction = connection.BeginTransaction();
        var written = connection.Execute($"""
            INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, token)
            SELECT @campaignId, id, channel, language, 'pending', not_before, lower(hex(randomblob(16)))
            FROM (SELECT c.id, c.language, {AudienceSql.ChosenChannel(campaign.ChannelList)} AS channel, {notBefore} AS not_before
                  FROM directory_compatriot c
                  WHERE {filter.Where})
            WHERE channel IS NOT NULL
            ON CONFLICT (campaign_id, compatriot_id, channel) DO NOTHING
            """, filter.Parameters, transaction);
        transaction.Commit();
        return new Result(written, opening.Values.Min());
    }
}
