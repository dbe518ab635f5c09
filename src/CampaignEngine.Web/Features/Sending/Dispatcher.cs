using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Modules;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// Sends what the ledger says is due. It claims a batch of rows (pending → sending) in one statement,
/// renders and sends them outside any transaction, then records all outcomes in one short
/// transaction. A crash loses at most the batch in flight; the ledger, not Hangfire, is the truth.
/// </summary>
public sealed class Dispatcher(
    Db db, ModuleRegistry modules, MessageComposer composer, ChannelRouter router, TimeProvider clock,
    IBackgroundJobClient jobs, ICertificateLinks certificateLinks, ILogger<Dispatcher> logger)
{
    public const int BatchSize = 500;
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
            """, new { campaignId, now = clock.GetUtcNow(), BatchSize }).ToList();
    }

    private async Task SendBatchAsync(List<ClaimedMessage> batch, CancellationToken cancellationToken)
    {
        var campaignId = batch[0].CampaignId;
        BatchContext context;
        using (var connection = db.Open())
            context = BatchContext.Load(connection, campaignId, batch.Select(b => b.CompatriotId));
        var module = modules.Find(context.Campaign.ModuleId);
        // A certificate delivery hands each person their own certificate link; other campaigns carry none.
        var certificates = certificateLinks.ForBatch(context.Campaign.Id, context.Campaign.Purpose, batch.Select(b => b.CompatriotId).ToList());

        var outcomes = new List<(ClaimedMessage Message, SendOutcome Outcome, string? Fallback)>(batch.Count);
        foreach (var message in batch)
        {
            var certificate = certificates?.GetValueOrDefault(message.CompatriotId);
            var outcome = certificates is not null && certificate is null
                ? SendOutcome.Failed("certificate-missing", permanent: true)
                : await SendOneAsync(message, context, module, certificate, cancellationToken);
            var final = !outcome.Ok && (outcome.Permanent || message.Attempts >= MaxAttempts);
            context.Recipients.TryGetValue(message.CompatriotId, out var recipient);
            outcomes.Add((message, outcome, final ? context.Campaign.FallbackAfter(message.Channel, recipient) : null));
        }
        Record(outcomes);
    }

    private async Task<SendOutcome> SendOneAsync(ClaimedMessage message, BatchContext context, Core.Modules.ModuleManifest? module,
        CertificateModel? certificate, CancellationToken cancellationToken)
    {
        if (module is null) return SendOutcome.Failed("module-disabled", permanent: true);
        if (!context.Recipients.TryGetValue(message.CompatriotId, out var recipient)) return SendOutcome.Failed("recipient-erased", permanent: true);
        // Consent is checked at send time, not only at launch: an opt-out in the middle of a send is honoured.
        if (!recipient.Consents(message.Channel)) return new SendOutcome(false, null, Skip.OptedOut, Permanent: true);
        var address = recipient.AddressFor(message.Channel);
        if (string.IsNullOrEmpty(address)) return new SendOutcome(false, null, Skip.NoAddress, Permanent: true);
        try
        {
            var rendered = composer.Compose(module, context.Campaign.Id, context.Campaign.Name, context.Campaign.Template, recipient.Row, message.Token, certificate);
            var outgoing = new OutgoingMessage(message.Id, message.CampaignId, message.Channel, address, rendered.Language,
                rendered.Subject, rendered.Text, rendered.Short, rendered.Html, message.Token, composer.UnsubscribeLink(message.Token),
                // The one link a WhatsApp template carries is the certificate's when the message delivers one.
                MessageComposer.FirstName(recipient.Row.FullName), certificate?.Link ?? composer.TrackedLink(message.Token));
            return await router.For(message.Channel).SendAsync(outgoing, cancellationToken);
        }
        catch (TemplateException ex)
        {
            return SendOutcome.Failed(ex.Message, permanent: true);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning("Message {MessageId} on {Channel} failed: {Error}", message.Id, message.Channel, ex.GetType().Name);
            return SendOutcome.Failed(ex.GetType().Name, permanent: false);
        }
    }

    private void Record(List<(ClaimedMessage Message, SendOutcome Outcome, string? Fallback)> outcomes)
    {
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (message, outcome, fallback) in outcomes)
        {
            // A channel that failed for good hands the person to the next consented channel, once.
            if (fallback is not null) WriteFallback(connection, transaction, message.Id, fallback, now);
            var (status, notBefore) = outcome switch
            {
                { Ok: true } => ("sent", (DateTimeOffset?)null),
                { Error: Skip.OptedOut or Skip.NoAddress } => ("skipped", null),
                { Permanent: true } => ("failed", null),
                _ when message.Attempts >= MaxAttempts => ("failed", null),
                _ => ("pending", now + Backoff(message.Attempts, outcome.RetryAfter)),
            };
            connection.Execute("""
                UPDATE send_message
                SET status = @status, provider_id = @ProviderId, error = @Error,
                    sent_at = CASE WHEN @status = 'sent' THEN @now ELSE sent_at END,
                    not_before = COALESCE(@notBefore, not_before)
                WHERE id = @Id
                """, new { status, outcome.ProviderId, outcome.Error, now, notBefore, message.Id }, transaction);
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
