using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// A message on a channel that reports delivery (WhatsApp, SMS) that has no delivery report after
/// <c>Sending:FallbackAfterHours</c> (24 by default) is tried once on the person's next consented channel:
/// a number that is switched off for a week should not mean the appeal never arrives.
/// </summary>
internal sealed class UndeliveredFallback(Db db, ChannelRouter router, TimeProvider clock, IConfiguration configuration, IBackgroundJobClient jobs, ICampaignProgress progress)
{
    public int Run()
    {
        var channels = router.ReportingDelivery;
        if (channels.Count == 0) return 0;
        var hours = configuration.GetValue("Sending:FallbackAfterHours", 24.0);
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        var stale = connection.Query<(long Id, long CampaignId, long CompatriotId, string Channel)>(SqlList.On(connection, """
            SELECT id, campaign_id, compatriot_id, channel FROM send_message
            WHERE status = 'sent' AND error IS NULL AND channel IN @channels AND sent_at < @cutoff
            LIMIT 5000
            """), new { channels, cutoff = now.AddHours(-hours) }).ToList();
        var written = 0;
        foreach (var campaign in stale.GroupBy(s => s.CampaignId))
        {
            var context = BatchContext.Load(connection, campaign.Key, campaign.Select(s => s.CompatriotId));
            using var transaction = connection.BeginTransaction();
            foreach (var message in campaign)
            {
                // Marked either way, so that a message is looked at once.
                connection.Execute("UPDATE send_message SET error = @error WHERE id = @Id",
                    new { message.Id, error = $"no delivery report within {hours:0.#} h" }, transaction);
                context.Recipients.TryGetValue(message.CompatriotId, out var recipient);
                if (context.Campaign.FallbackAfter(message.Channel, recipient) is { } next)
                    written += Dispatcher.WriteFallback(connection, transaction, message.Id, next, now);
            }
            progress.ReopenIfCompleted(connection, transaction, campaign.Key);
            transaction.Commit();
            jobs.Enqueue<Dispatcher>(d => d.DispatchCampaignAsync(campaign.Key, CancellationToken.None));
        }
        return written;
    }
}
