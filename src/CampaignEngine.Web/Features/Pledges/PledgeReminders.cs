using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Jobs;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>
/// Once a month, everyone with an open monthly pledge gets a reminder through the send pipeline: one
/// system campaign per module and month (template "reminder", 10:00–20:00 in their own time), so
/// consent, channels and windows work as for any appeal, and the ledger's unique key means a month's
/// reminder is never sent twice however often this runs.
/// </summary>
internal sealed class PledgeReminders(
    Db db, ModuleRegistry modules, CampaignStore campaigns, Ledger ledger, TimeProvider clock, IBackgroundJobClient jobs, CampaignMessages messages)
{
    public const string Purpose = "pledge-reminder";

    public int Run()
    {
        var now = clock.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        List<DuePledge> due;
        using (var connection = db.Open())
        {
            // A pledge made this month has just been made: its first reminder comes next month. One the person paused or
            // stopped on their page (standing) is reminded of nothing until they resume it.
            due = connection.Query<DuePledge>("""
                SELECT p.compatriot_id AS CompatriotId, c.module_id AS CampaignModule, COALESCE(p.target_region, p.home_region) AS Region
                FROM pledge p LEFT JOIN campaign c ON c.id = p.campaign_id
                WHERE p.recurring = 'monthly' AND p.status IN ('pledged', 'confirmed', 'partially_fulfilled') AND p.created_at < @monthStart
                  AND p.standing IS NULL
                """, new { monthStart }).ToList();
        }
        var written = 0;
        foreach (var group in due.GroupBy(ModuleFor).Where(g => g.Key is not null))
        {
            var campaign = ReminderCampaign(group.Key!, now);
            var filter = new AudienceSql.Filter("c.id IN @ids", new DynamicParameters(new { ids = group.Select(d => d.CompatriotId).Distinct().ToArray() }));
            written += ledger.Write(messages.Request(campaign, filter, LaunchTime.Now)).Written;
            jobs.Enqueue<Dispatcher>(d => d.DispatchCampaignAsync(campaign.Id, CancellationToken.None));
        }
        return written;
    }

    private ModuleManifest? ModuleFor(DuePledge pledge) =>
        modules.Find(pledge.CampaignModule) ?? modules.HomeOf(pledge.Region);

    private CampaignRow ReminderCampaign(ModuleManifest module, DateTimeOffset now) =>
        campaigns.EnsureSystem(new SystemCampaign(module.Id, $"Pledge reminders {now:yyyy-MM}", Purpose, "reminder", "10:00", "20:00",
            SystemCampaignTitles.PledgeReminder, CreatedBy: null, Reopen: false));

    private sealed record DuePledge
    {
        public long CompatriotId { get; init; }
        public string? CampaignModule { get; init; }
        public string? Region { get; init; }
    }
}

/// <summary>Registers the daily reminder run with Hangfire at startup: once, by its id, whether or not the store kept it.</summary>
internal sealed class PledgeReminderSchedule(RecurringRegistration recurring) : AfterListening
{
    public override Task StartedAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PledgeReminders>("pledge-reminders", r => r.Run(), Cron.Daily(7));
        return Task.CompletedTask;
    }
}
