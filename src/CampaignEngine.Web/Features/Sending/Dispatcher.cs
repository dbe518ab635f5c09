using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Modules;
using Dapper;
using Hangfire;
using Microsoft.Data.Sqlite;
using CampaignEngine.Web.Features.Sending.Quota;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// Sends what the ledger says is due. It claims a batch of rows (pending → sending) in one statement,
/// renders and sends them outside any transaction, then records all outcomes in one short
/// transaction. A crash loses at most the batch in flight; the ledger, not Hangfire, is the truth.
/// </summary>
public sealed class Dispatcher(
    Db db, ModuleRegistry modules, MessageComposer composer, ChannelRouter router, ChannelQuota quota, TimeProvider clock,
    IBackgroundJobClient jobs, IOptions<SendingOptions> options, ILogger<Dispatcher> logger)
{
    private readonly int _batchSize = Math.Max(1, options.Value.BatchSize);
    private const int MaxAttempts = 5;

    /// <summary>Hangfire job: sends every due message of one campaign, then plans its next run.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task DispatchCampaignAsync(long campaignId, CancellationToken cancellationToken)
    {
        using (var connection = db.Open())
        {
            // A scheduled campaign whose time has come starts sending.
            connection.Execute("""
                UPDATE campaign SET status = 'sending'
                WHERE id = @campaignId AND status = 'scheduled' AND launch_at <= @now
                """, new { campaignId, now = clock.GetUtcNow() });
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = Claim(campaignId);
            if (batch.Count == 0) break;
            await SendBatchAsync(batch, cancellationToken);
        }
        PlanNext(campaignId);
    }

    /// <summary>Recurring safety net: finds campaigns with due messages (e.g. after a restart) and dispatches them.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<long> due;
        using (var connection = db.Open())
        {
            due = connection.Query<long>("""
                SELECT id FROM campaign
                WHERE (status = 'sending') OR (status = 'scheduled' AND launch_at <= @now)
                """, new { now = clock.GetUtcNow() }).ToList();
        }
        foreach (var campaignId in due) await DispatchCampaignAsync(campaignId, cancellationToken);
    }

    private List<ClaimedMessage> Claim(long campaignId)
    {
        using var connection = db.Open();
        return connection.Query<ClaimedMessage>("""
            UPDATE send_message SET status = 'sending', attempts = attempts + 1
            WHERE id IN (
                SELECT m.id FROM send_message m
                WHERE m.campaign_id = @campaignId AND m.status = 'pending' AND m.not_before <= @now
                  AND EXISTS (SELECT 1 FROM campaign WHERE id = @campaignId AND status = 'sending')
                ORDER BY m.not_before, m.id
                LIMIT @BatchSize)
            RETURNING id AS Id, campaign_id AS CampaignId, compatriot_id AS CompatriotId, channel AS Channel,
                      token AS Token, attempts AS Attempts
            """, new { campaignId, now = clock.GetUtcNow(), BatchSize = _batchSize }).ToList();
    }

    private async Task SendBatchAsync(List<ClaimedMessage> batch, CancellationToken cancellationToken)
    {
        var campaignId = batch[0].CampaignId;
        BatchContext context;
        using (var connection = db.Open())
            context = BatchContext.Load(connection, campaignId, batch.Select(b => b.CompatriotId));
        var module = modules.Find(context.Campaign.ModuleId);

        // Rendering is CPU work and independent per message: all cores take part.
        var prepared = new Prepared[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => prepared[i] = Prepare(batch[i], context, module));
        var outcomes = new SendOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
            if (prepared[i].Outcome is { } early) outcomes[i] = early;

        foreach (var channel in batch.Select(m => m.Channel).Distinct())
        {
            var due = Enumerable.Range(0, batch.Count).Where(i => batch[i].Channel == channel && prepared[i].Message is not null).ToArray();
            await SendChannelAsync(channel, due, prepared, outcomes, cancellationToken);
        }

        var recorded = new List<(ClaimedMessage Message, SendOutcome Outcome, string? Fallback)>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var (message, outcome) = (batch[i], outcomes[i]);
            var final = !outcome.Ok && outcome.DeferredUntil is null && (outcome.Permanent || message.Attempts >= MaxAttempts);
            context.Recipients.TryGetValue(message.CompatriotId, out var recipient);
            recorded.Add((message, outcome, final ? context.Campaign.FallbackAfter(message.Channel, recipient) : null));
        }
        Record(recorded);
    }

    /// <summary>
    /// Hands one channel's share of the batch to its sender: all at once when it takes batches (the file
    /// outbox), else as many in flight as the channel allows (a pooled SMTP connection each, a few HTTP calls).
    /// </summary>
    private async Task SendChannelAsync(string channel, int[] due, Prepared[] prepared, SendOutcome[] outcomes, CancellationToken cancellationToken)
    {
        var sender = router.For(channel);
        if (sender is IBatchChannelSender batchSender)
        {
            IReadOnlyList<SendOutcome> sent;
            try
            {
                sent = batchSender.SendBatch(due.Select(i => prepared[i].Message!).ToArray(), cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A full disk or a locked folder: the whole share is retried later, none of it is lost.
                logger.LogWarning("Batch of {Count} on {Channel} failed: {Error}", due.Length, channel, ex.GetType().Name);
                sent = due.Select(_ => SendOutcome.Failed(ex.GetType().Name, permanent: false)).ToArray();
            }
            for (var k = 0; k < due.Length; k++) outcomes[due[k]] = sent[k];
            return;
        }
        var parallelism = router.ParallelismOf(channel);
        var limits = router.LimitsOf(channel);
        for (var start = 0; start < due.Length;)
        {
            // The provider's shared allowance says how many may go now; past the day's cap the rest wait for tomorrow.
            var grant = await quota.AcquireAsync(channel, limits, Math.Min(due.Length - start, parallelism * 4), cancellationToken);
            if (grant.ExhaustedUntil is { } until)
            {
                foreach (var i in due[start..]) outcomes[i] = SendOutcome.Deferred(until);
                return;
            }
            await Parallel.ForEachAsync(due[start..(start + grant.Count)],
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (i, token) => outcomes[i] = await SendOneAsync(sender, prepared[i].Message!, token));
            start += grant.Count;
        }
    }

    private async Task<SendOutcome> SendOneAsync(IChannelSender sender, OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning("Message {MessageId} on {Channel} failed: {Error}", message.MessageId, message.Channel, ex.GetType().Name);
            return SendOutcome.Failed(ex.GetType().Name, permanent: false);
        }
    }

    /// <summary>A claimed row made ready to send, or the outcome that settles it without sending.</summary>
    private readonly record struct Prepared(OutgoingMessage? Message, SendOutcome? Outcome);

    private Prepared Prepare(ClaimedMessage message, BatchContext context, Core.Modules.ModuleManifest? module)
    {
        if (module is null) return new(null, SendOutcome.Failed("module-disabled", permanent: true));
        if (!context.Recipients.TryGetValue(message.CompatriotId, out var recipient)) return new(null, SendOutcome.Failed("recipient-erased", permanent: true));
        // Consent is checked at send time, not only at launch: an opt-out in the middle of a send is honoured.
        if (!recipient.Consents(message.Channel)) return new(null, new SendOutcome(false, null, Skip.OptedOut, Permanent: true));
        var address = recipient.AddressFor(message.Channel);
        if (string.IsNullOrEmpty(address)) return new(null, new SendOutcome(false, null, Skip.NoAddress, Permanent: true));
        try
        {
            var rendered = composer.Compose(module, context.Campaign.Id, context.Campaign.Name, context.Campaign.Template, recipient.Row,
                message.Token, MessageComposer.PartsFor(message.Channel));
            return new(new OutgoingMessage(message.Id, message.CampaignId, message.Channel, address, rendered.Language,
                rendered.Subject, rendered.Text, rendered.Short, rendered.Html, message.Token, composer.UnsubscribeLink(message.Token),
                MessageComposer.FirstName(recipient.Row.FullName), composer.TrackedLink(message.Token)), null);
        }
        catch (TemplateException ex)
        {
            return new(null, SendOutcome.Failed(ex.Message, permanent: true));
        }
    }

    private void Record(List<(ClaimedMessage Message, SendOutcome Outcome, string? Fallback)> outcomes)
    {
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        // One statement prepared once and run per row: preparing it again for each of 500 rows cost more than the update.
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE send_message
            SET status = $status, provider_id = $provider, error = $error,
                sent_at = CASE WHEN $status = 'sent' THEN $now ELSE sent_at END,
                not_before = COALESCE($notBefore, not_before),
                attempts = attempts - $notAnAttempt
            WHERE id = $id
            """;
        var status = update.Parameters.Add("$status", SqliteType.Text);
        var provider = update.Parameters.Add("$provider", SqliteType.Text);
        var error = update.Parameters.Add("$error", SqliteType.Text);
        update.Parameters.AddWithValue("$now", now.ToDb());
        var notBefore = update.Parameters.Add("$notBefore", SqliteType.Text);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        var notAnAttempt = update.Parameters.Add("$notAnAttempt", SqliteType.Integer);
        update.Prepare();
        foreach (var (message, outcome, fallback) in outcomes)
        {
            // A channel that failed for good hands the person to the next consented channel, once.
            if (fallback is not null) WriteFallback(connection, transaction, message.Id, fallback, now);
            var (newStatus, retryAt) = outcome switch
            {
                { Ok: true } => ("sent", (DateTimeOffset?)null),
                { DeferredUntil: { } until } => ("pending", until),
                { Error: Skip.OptedOut or Skip.NoAddress } => ("skipped", null),
                { Permanent: true } => ("failed", null),
                _ when message.Attempts >= MaxAttempts => ("failed", null),
                _ => ("pending", now + Backoff(message.Attempts, outcome.RetryAfter)),
            };
            status.Value = newStatus;
            provider.Value = (object?)outcome.ProviderId ?? DBNull.Value;
            error.Value = (object?)outcome.Error ?? DBNull.Value;
            notBefore.Value = retryAt is { } at ? at.ToDb() : DBNull.Value;
            id.Value = message.Id;
            // Waiting for the provider's next day is not a failed attempt: it must not use up the retries.
            notAnAttempt.Value = outcome.DeferredUntil is null ? 0 : 1;
            update.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public static int WriteFallback(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long failedId, string channel, DateTimeOffset now) =>
        connection.Execute("""
            INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, token)
            SELECT campaign_id, compatriot_id, @channel, language, 'pending', @now, lower(hex(randomblob(16)))
            FROM send_message WHERE id = @failedId
            ON CONFLICT (campaign_id, compatriot_id, channel) DO NOTHING
            """, new { failedId, channel, now }, transaction);

    /// <summary>
    /// Exponential backoff with jitter (30 s, 1 min, 2 min, … ± 20%), never sooner than the provider's
    /// Retry-After: many recipients failing together must not retry in lockstep.
    /// </summary>
    public static TimeSpan Backoff(long attempts, TimeSpan? retryAfter)
    {
        var exponential = TimeSpan.FromSeconds(30 * Math.Pow(2, Math.Max(0, attempts - 1)) * (0.8 + 0.4 * Random.Shared.NextDouble()));
        return retryAfter is { } wait && wait > exponential ? wait : exponential;
    }

    private void PlanNext(long campaignId)
    {
        using var connection = db.Open();
        // A paused or cancelled campaign plans nothing: resuming enqueues a fresh dispatch.
        var status = connection.ExecuteScalar<string?>("SELECT status FROM campaign WHERE id = @campaignId", new { campaignId });
        if (status is not ("sending" or "scheduled")) return;
        var next = connection.ExecuteScalar<string?>(
            "SELECT MIN(not_before) FROM send_message WHERE campaign_id = @campaignId AND status IN ('pending', 'sending')",
            new { campaignId });
        if (next is null)
        {
            connection.Execute("UPDATE campaign SET status = 'completed' WHERE id = @campaignId AND status = 'sending'", new { campaignId });
            return;
        }
        var at = DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture);
        if (at <= clock.GetUtcNow()) at = clock.GetUtcNow().AddSeconds(1);
        jobs.Schedule<Dispatcher>(d => d.DispatchCampaignAsync(campaignId, CancellationToken.None), at);
    }

    public static class Skip
    {
        public const string OptedOut = "opted-out";
        public const string NoAddress = "no-address";
    }

    public sealed record ClaimedMessage
    {
        public long Id { get; init; }
        public long CampaignId { get; init; }
        public long CompatriotId { get; init; }
        public string Channel { get; init; } = null!;
        public string Token { get; init; } = null!;
        public long Attempts { get; init; }
    }
}
