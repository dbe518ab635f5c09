using System.Data;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.ModuleHost.Settings;
using Dapper;
using Hangfire;
using CampaignEngine.Web.Features.Sending.Quota;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// Sends what the ledger says is due. It claims a batch of rows (pending → sending) in one statement,
/// renders and sends them outside any transaction, and records outcomes as they settle, in small groups of short
/// transactions. A crash re-sends at most what was on the wire; the ledger, not Hangfire, is the truth.
/// </summary>
internal sealed class Dispatcher(
    Db db, ModuleRegistry modules, MessageComposer composer, ChannelRouter router, ChannelQuota quota, TimeProvider clock,
    IBackgroundJobClient jobs, IOptions<SendingOptions> options, ICertificateLinks certificateLinks, IDeskAnswers deskAnswers, IPersonalLinks personalLinks,
    IErasureHolds erasureHolds, ICampaignCauses causes, ICampaignProgress progress, DispatchTurns turns, IModuleSettings settings, SendingMetrics metrics,
    SendingHost host, ILogger<Dispatcher> logger)
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
            progress.StartIfDue(connection, campaignId, clock.GetUtcNow());
        }
        // One dispatch per campaign at a time in this host (DispatchTurns). A second waits for the first, then sends
        // what is left, so whoever called returns only when everything due at the call has been handled.
        var turn = turns.Of(campaignId);
        await turn.WaitAsync(cancellationToken);
        try
        {
            await PipelineAsync(campaignId, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
        PlanNext(campaignId);
    }

    /// <summary>
    /// Sends batch after batch as a pipeline: while one batch is sent, a second thread claims the next, and the
    /// recorder writes outcomes as messages settle, in small groups (<see cref="OutcomeRecorder"/>). The next batch
    /// is sent only once the previous one's outcomes are all written, so a crash re-sends at most what was on the
    /// wire or settled in the last instant, not the batch in flight.
    /// </summary>
    private async Task PipelineAsync(long campaignId, CancellationToken cancellationToken)
    {
        var recorder = new OutcomeRecorder(RecordAsync, TimeProvider.System);
        List<ClaimedMessage>? claimed = null;
        Task<List<ClaimedMessage>?>? claiming = null;
        try
        {
            claimed = cancellationToken.IsCancellationRequested ? null : await ClaimNextAsync(campaignId);
            var written = Task.CompletedTask;
            while (claimed is not null)
            {
                claiming = cancellationToken.IsCancellationRequested
                    ? Task.FromResult<List<ClaimedMessage>?>(null)
                    : Task.Run(() => ClaimNextAsync(campaignId), CancellationToken.None);
                // This batch's people are read here, beside the writes of the other threads: a reader does not wait
                // for SQLite's one writer.
                var batch = await LoadAsync(campaignId, claimed);
                var prepared = Render(batch, cancellationToken);
                await written;
                // A campaign paused or cancelled while this batch was claimed ahead sends nothing more.
                if (!StillSending(campaignId)) break;
                claimed = null;
                await SendAsync(batch, prepared, recorder, cancellationToken);
                written = recorder.FlushAsync();
                claimed = await claiming;
                claiming = null;
            }
        }
        finally
        {
            // Whatever happened above, the outcomes already settled are written, and batches claimed but not
            // sent go back to the queue now rather than at the next restart.
            try
            {
                await recorder.DisposeAsync();
            }
            finally
            {
                if (claimed is not null) Release(claimed);
                if (claiming is not null)
                {
                    List<ClaimedMessage>? ahead = null;
                    try { ahead = await claiming; }
                    catch (System.Data.Common.DbException) { /* The claim itself failed, so nothing was claimed; the first error is the one thrown. */ }
                    if (ahead is not null) Release(ahead);
                }
            }
        }
    }

    /// <summary>Recurring safety net: finds campaigns with due messages (e.g. after a restart) and dispatches them.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        List<long> due;
        using (var connection = db.Open())
            due = Due(connection, null, clock.GetUtcNow());
        foreach (var campaignId in due) await DispatchCampaignAsync(campaignId, cancellationToken);
    }

    /// <summary>The campaigns a sweep dispatches at <paramref name="now"/>: those sending, and those scheduled to launch by then.</summary>
    internal static List<long> Due(IDbConnection connection, IDbTransaction? transaction, DateTimeOffset now) =>
        connection.Query<long>("""
            SELECT id FROM campaign
            WHERE (status = 'sending') OR (status = 'scheduled' AND launch_at <= @now)
            """, new { now }, transaction).ToList();

    /// <summary>
    /// A claimed batch with what rendering it needs: the campaign, its people, the module, certificate links, desk
    /// answers, each person's own page link, and the people their own limits hold back (compatriot id → <see cref="PersonalLimits"/> reason).
    /// </summary>
    private sealed record ClaimedBatch(
        List<ClaimedMessage> Messages, BatchContext Context, Core.Modules.ModuleManifest? Module,
        IReadOnlyDictionary<long, CertificateModel>? Certificates, IReadOnlyDictionary<long, DeskAnswer>? Answers, IReadOnlyDictionary<long, string> MeTokens,
        IReadOnlyDictionary<long, string> Held);

    /// <summary>Claims the next batch; null when none is due.</summary>
    private async Task<List<ClaimedMessage>?> ClaimNextAsync(long campaignId)
    {
        List<ClaimedMessage> messages;
        // In turn with the recorder's writes: SQLite's busy handler would sleep where the gate just queues.
        using (await db.WriterAsync())
            messages = Claim(campaignId);
        return messages.Count == 0 ? null : messages;
    }

    /// <summary>What rendering a claimed batch needs: the campaign, its people, the module, certificate links, own page links.</summary>
    private async Task<ClaimedBatch> LoadAsync(long campaignId, List<ClaimedMessage> messages)
    {
        BatchContext context;
        IReadOnlyDictionary<long, string> held;
        var people = messages.Select(m => m.CompatriotId).ToList();
        using (var connection = db.Open())
        {
            context = BatchContext.Load(connection, campaignId, people);
            held = Held(connection, context);
        }
        // Read per batch, as the campaign is: a project's text corrected mid-send is in the batches after it.
        context = context with { Campaign = context.Campaign with { Cause = causes.CauseOf(campaignId) } };
        // A certificate delivery hands each person their own certificate link; other campaigns carry none.
        var certificates = certificateLinks.ForBatch(context.Campaign.Id, context.Campaign.Purpose, people);
        // A desk answer carries the text staff wrote to that person; other campaigns carry none.
        var answers = deskAnswers.ForBatch(context.Campaign.Id, context.Campaign.Purpose, people);
        var meTokens = await personalLinks.ForBatchAsync(people);
        return new ClaimedBatch(messages, context, modules.Find(context.Campaign.ModuleId), certificates, answers, meTokens, held);
    }

    /// <summary>
    /// The batch's people whose message is held back, with the reason: those who asked to be erased (every campaign,
    /// answers too: they asked us to forget them), then those who paused every campaign. The monthly cap is not here:
    /// the claim took each message's place under it (<see cref="ClaimedMessage.OverCap"/>).
    /// </summary>
    private Dictionary<long, string> Held(System.Data.IDbConnection connection, BatchContext context)
    {
        var held = erasureHolds.Holding(connection, context.Recipients.Keys.ToList()).ToDictionary(id => id, _ => Skip.ErasureRequested);
        if (PersonalLimits.Exempt(context.Campaign.Purpose)) return held;
        var now = clock.GetUtcNow();
        foreach (var recipient in context.Recipients.Values)
            if (!held.ContainsKey(recipient.Row.Id) && PersonalLimits.IsPaused(recipient.Preferences, recipient.TimeZone, now))
                held[recipient.Row.Id] = PersonalLimits.Paused;
        return held;
    }

    /// <summary>Claims the campaign's next due messages (pending → sending), while the campaign is sending, with their places under caps.</summary>
    private List<ClaimedMessage> Claim(long campaignId)
    {
        using var connection = db.Open();
        return LedgerClaim.Claim(connection, campaignId, clock.GetUtcNow(), _batchSize, host.Id);
    }

    /// <summary>Gives a claimed batch that was never sent back to the queue, as if it had not been claimed.</summary>
    private void Release(List<ClaimedMessage> batch)
    {
        using var connection = db.Open();
        LedgerClaim.Release(connection, batch);
    }

    private bool StillSending(long campaignId)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<string?>("SELECT status FROM campaign WHERE id = @campaignId", new { campaignId }) == "sending";
    }

    /// <summary>Renders the batch on all cores: rendering is CPU work and independent per message.</summary>
    private Prepared[] Render(ClaimedBatch batch, CancellationToken cancellationToken)
    {
        // Templates are found and parsed once per language and set of parts in the batch, not once per message.
        // (Lazy keeps a template error too, so a broken part fails each message without being parsed again.)
        var templates = new Dictionary<(string, MessageParts), Lazy<MessageTemplates>>();
        MessageTemplates TemplatesFor(string language, MessageParts parts)
        {
            if (!templates.TryGetValue((language, parts), out var found))
                templates[(language, parts)] = found = new(() => composer.Templates(batch.Module!, batch.Context.Campaign.Template, language, parts));
            return found.Value;
        }
        var prepared = new Prepared[batch.Messages.Count];
        for (var i = 0; i < prepared.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            prepared[i] = Prepare(batch.Messages[i], batch, TemplatesFor);
        }
        return prepared;
    }

    /// <summary>Sends a rendered batch; each outcome goes to the recorder as soon as it is known.</summary>
    private async Task SendAsync(ClaimedBatch claimed, Prepared[] prepared, OutcomeRecorder recorder, CancellationToken cancellationToken)
    {
        var batch = claimed.Messages;
        recorder.AddRange(Enumerable.Range(0, batch.Count).Where(i => prepared[i].Outcome is not null)
            .Select(i => Settle(claimed, i, prepared[i].Outcome!)).ToArray());
        foreach (var channel in batch.Select(m => m.Channel).Distinct())
        {
            var due = Enumerable.Range(0, batch.Count).Where(i => batch[i].Channel == channel && prepared[i].Message is not null).ToArray();
            recorder.ThrowIfFailed();
            await SendChannelAsync(claimed, channel, due, prepared, recorder, cancellationToken);
        }
    }

    /// <summary>
    /// Hands one channel's share of the batch to its sender: all at once when it takes batches (the file
    /// outbox), else as many in flight as the channel allows (a pooled SMTP connection each, a few HTTP calls).
    /// </summary>
    private async Task SendChannelAsync(
        ClaimedBatch claimed, string channel, int[] due, Prepared[] prepared, OutcomeRecorder recorder, CancellationToken cancellationToken)
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
            // One file holds the whole share: it settles, and is recorded, as one.
            recorder.AddRange(due.Select((i, k) => Settle(claimed, i, sent[k])).ToArray());
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
                recorder.AddRange(due[start..].Select(i => Settle(claimed, i, SendOutcome.Deferred(until))).ToArray());
                return;
            }
            recorder.ThrowIfFailed();
            await Parallel.ForEachAsync(due[start..(start + grant.Count)],
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (i, token) => recorder.Add(Settle(claimed, i, await SendOneAsync(sender, prepared[i].Message!, token))));
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

    private Prepared Prepare(ClaimedMessage message, ClaimedBatch batch, Func<string, MessageParts, MessageTemplates> templatesFor)
    {
        var (context, module, certificates) = (batch.Context, batch.Module, batch.Certificates);
        if (module is null) return new(null, SendOutcome.Failed("module-disabled", permanent: true));
        var certificate = certificates?.GetValueOrDefault(message.CompatriotId);
        if (certificates is not null && certificate is null) return new(null, SendOutcome.Failed("certificate-missing", permanent: true));
        var answer = batch.Answers?.GetValueOrDefault(message.CompatriotId);
        if (batch.Answers is not null && answer is null) return new(null, SendOutcome.Failed("answer-missing", permanent: true));
        if (!context.Recipients.TryGetValue(message.CompatriotId, out var recipient)) return new(null, SendOutcome.Failed("recipient-erased", permanent: true));
        // Consent is checked at send time, not only at launch: an opt-out in the middle of a send is honoured.
        if (!recipient.Consents(message.Channel)) return new(null, new SendOutcome(false, null, Skip.OptedOut, Permanent: true));
        // So are an erasure the person asked for, and their own pause and monthly cap (for every campaign but those that answer them).
        if (batch.Held.GetValueOrDefault(message.CompatriotId) is { } held) return new(null, new SendOutcome(false, null, held, Permanent: true));
        if (message.OverCap) return new(null, new SendOutcome(false, null, PersonalLimits.Capped, Permanent: true));
        var address = recipient.AddressFor(message.Channel);
        if (string.IsNullOrEmpty(address)) return new(null, new SendOutcome(false, null, Skip.NoAddress, Permanent: true));
        try
        {
            var parts = MessageComposer.PartsFor(message.Channel);
            var templates = templatesFor(MessageComposer.LanguageFor(module, recipient.Row), parts);
            var rendered = composer.Compose(templates, module, context.Campaign.Id, context.Campaign.Title, recipient.Row, message.Token, parts, certificate,
                answer?.TextFor(message.Channel), batch.MeTokens.GetValueOrDefault(message.CompatriotId), context.Campaign.Cause);
            var outgoing = new OutgoingMessage(message.Id, message.CampaignId, message.Channel, address, rendered.Language,
                rendered.Subject, rendered.Text, rendered.Short, rendered.Html, message.Token, composer.UnsubscribeLink(message.Token),
                // The one link a WhatsApp template carries is the certificate's when the message delivers one, the answer page's for an answer.
                MessageModelBuilder.FirstName(recipient.Row.FullName),
                certificate?.Link ?? (answer is null ? composer.TrackedLink(message.Token) : composer.QuestionsLink(message.Token)))
            {
                // The module's administration signs its e-mails by name (its senderName setting), in the message's language.
                SenderName = settings.Of(module).SenderName(rendered.Language),
            };
            return new(answer is null ? outgoing : AsReply(outgoing, answer), null);
        }
        catch (TemplateException ex)
        {
            return new(null, SendOutcome.Failed(ex.Message, permanent: true));
        }
    }

    /// <summary>An answer replies within the person's own conversation: "Re:" their e-mail, or WhatsApp's free text inside its 24 hours.</summary>
    private OutgoingMessage AsReply(OutgoingMessage message, DeskAnswer answer) => message with
    {
        IsAnswer = true,
        Subject = message.Channel == "email" && answer.ReplySubject is { } subject ? subject : message.Subject,
        InReplyTo = message.Channel == "email" ? answer.EmailReference?.Trim().Trim('<', '>') : null,
        ServiceWindowOpen = message.Channel == "whatsapp" && answer.ServiceWindowOpen(clock.GetUtcNow()),
    };

    /// <summary>The ledger's record of one message of the batch, with the fallback channel when it failed for good.</summary>
    private static SettledMessage Settle(ClaimedBatch batch, int index, SendOutcome outcome)
    {
        var message = batch.Messages[index];
        var final = !outcome.Ok && outcome.DeferredUntil is null && (outcome.Permanent || message.Attempts >= MaxAttempts);
        // A person's pause, cap or erasure request holds the person, not the channel: another channel would be held the same way.
        var isAnswer = batch.Answers is not null;
        if (!final || outcome.Error is PersonalLimits.Capped or PersonalLimits.Paused or Skip.ErasureRequested) return new(message, outcome, null, isAnswer);
        batch.Context.Recipients.TryGetValue(message.CompatriotId, out var recipient);
        return new(message, outcome, batch.Context.Campaign.FallbackAfter(message.Channel, recipient), isAnswer);
    }

    /// <summary>Writes one group of outcomes in one short transaction, in turn with the other writers of this host.</summary>
    private async Task RecordAsync(List<SettledMessage> outcomes)
    {
        using (await db.WriterAsync())
            Record(outcomes);
    }

    private void Record(List<SettledMessage> outcomes)
    {
        var now = clock.GetUtcNow();
        // The batch goes to SQLite as JSON arrays, one UPDATE … FROM json_each each: running a prepared UPDATE once
        // per row spent more time in binding and stepping 500 statements than in the writes. Sent messages, nearly
        // all of them, carry only their id and provider id: every value taken out of the JSON costs per row.
        var sent = new OutcomeRows(outcomes.Count);
        var other = new OutcomeRows(0);
        var answers = new List<AnswerOutcome>();
        // A message not sent (now, or yet) gives back its place under its person's cap.
        var givenBack = LedgerClaim.Held(outcomes.Where(o => !o.Outcome.Ok).Select(o => o.Message));
        var counted = new List<(string Channel, string Outcome)>(outcomes.Count);
        foreach (var (message, outcome, fallback, isAnswer) in outcomes)
        {
            if (outcome.Ok)
            {
                counted.Add((message.Channel, SendingMetrics.Sent));
                sent.Add(message.Id, outcome.ProviderId);
                if (isAnswer) answers.Add(new AnswerOutcome(message.CampaignId, message.CompatriotId, message.Channel, true, null));
                continue;
            }
            var (newStatus, retryAt) = outcome switch
            {
                { DeferredUntil: { } until } => ("pending", until),
                { Error: Skip.OptedOut or Skip.NoAddress or Skip.ErasureRequested or PersonalLimits.Capped or PersonalLimits.Paused } => ("skipped", null),
                { Permanent: true } => ("failed", null),
                _ when message.Attempts >= MaxAttempts => ("failed", (DateTimeOffset?)null),
                _ => ("pending", now + Backoff(message.Attempts, outcome.RetryAfter)),
            };
            counted.Add((message.Channel, newStatus switch
            {
                "skipped" => SendingMetrics.Skipped,
                "failed" => SendingMetrics.Failed,
                _ => outcome.DeferredUntil is null ? SendingMetrics.Retry : SendingMetrics.Deferred,
            }));
            // Waiting for the provider's next day is not a failed attempt: it must not use up the retries.
            other.Add(message.Id, outcome.ProviderId, newStatus, outcome.Error, retryAt?.ToDb(), outcome.DeferredUntil is null ? 0 : 1);
            // An answer that ends here, with no other channel to try, did not reach the person: the desk must know.
            if (isAnswer && newStatus is ("skipped" or "failed") && fallback is null)
                answers.Add(new AnswerOutcome(message.CampaignId, message.CompatriotId, message.Channel, false, outcome.Error));
        }
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var sql = SendingSql.Of(connection);
        // A channel that failed for good hands the person to the next consented channel, once.
        foreach (var (message, _, fallback, _) in outcomes)
            if (fallback is not null) WriteFallback(connection, transaction, message.Id, fallback, now);
        if (sent.Count > 0)
            connection.Execute(sql.RecordSent, new { rows = sent.ToJson(), now }, transaction);
        if (other.Count > 0)
            connection.Execute(sql.RecordOther, new { rows = other.ToJson() }, transaction);
        if (answers.Count > 0) deskAnswers.Settled(connection, transaction, answers);
        MonthlyCap.GiveBack(connection, transaction, givenBack);
        transaction.Commit();
        metrics.Settled(counted);
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
        if (CompletedIfDone(connection, campaignId) is not { } next) return;
        var wait = DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture) - clock.GetUtcNow();
        // A delay, not an instant: Hangfire counts on its own clock, and the ledger's times come from the host's TimeProvider.
        jobs.Schedule<Dispatcher>(d => d.DispatchCampaignAsync(campaignId, CancellationToken.None), wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Completes the campaign when nothing of it waits or is on the wire (on any host); otherwise returns when the next
    /// of its messages falls due (ledger time text).
    /// </summary>
    private string? CompletedIfDone(System.Data.IDbConnection connection, long campaignId)
    {
        var next = connection.ExecuteScalar<string?>(
            "SELECT MIN(not_before) FROM send_message WHERE campaign_id = @campaignId AND status IN ('pending', 'sending')",
            new { campaignId });
        if (next is null) progress.CompleteIfSending(connection, campaignId);
        return next;
    }

    /// <summary>
    /// Several hosts on one database (ADR 0013): this host sends the campaign's due messages beside whichever host runs
    /// its dispatch job, unless it is sending the campaign already, and completes the campaign if it sent the last of
    /// them. It plans nothing: the host that runs the job, or the minutely sweep, plans what comes due later.
    /// </summary>
    public async Task JoinAsync(long campaignId, CancellationToken cancellationToken)
    {
        var turn = turns.Of(campaignId);
        if (!await turn.WaitAsync(0, cancellationToken)) return;
        try
        {
            await PipelineAsync(campaignId, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
        using var connection = db.Open();
        CompletedIfDone(connection, campaignId);
    }

    public static class Skip
    {
        public const string OptedOut = "opted-out";
        public const string NoAddress = "no-address";

        /// <summary>The person asked to be erased: nothing more goes to them while staff decide (<see cref="IErasureHolds"/>).</summary>
        public const string ErasureRequested = "erasure-requested";
    }

    /// <summary>A message of the ledger taken for sending; <see cref="Attempts"/> counts this one.</summary>
    public sealed record ClaimedMessage(long Id, long CampaignId, long CompatriotId, string Channel, string Token, long Attempts)
    {
        /// <summary>The month whose place under the person's cap this message holds (<see cref="MonthlyCap"/>); null when none.</summary>
        public string? CapMonth { get; init; }

        /// <summary>The person's cap for the month was full when this message was claimed: it is skipped as <c>capped</c>.</summary>
        public bool OverCap { get; init; }
    }
}
