using System.Data;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// The one way into the desk: every inbound message (channel replies from the webhooks, e-mails from the mailbox or the
/// inbound route, questions from the landing page) becomes a message of a thread here. A message joins the thread it
/// answers (an e-mail replying to one of our answers), else the sender's thread active in the last
/// <see cref="JoinDays"/> days (reopening it when it was answered or closed), else opens a new one owned by the module
/// of the campaign it answers, or of the person's home region. The same external id is taken once. Each message taken
/// raises <see cref="ResponseReceived"/> for the modules that handle it, in the same transaction; the caller that owns
/// the transaction hands the result to <see cref="Announce"/> once it committed.
/// </summary>
internal sealed class DeskIntake(Db db, ModuleRegistry modules, DeskSla sla, ModuleEvents events)
{
    /// <summary>How long after its last message a thread still takes the sender's next message instead of a new thread.</summary>
    public const int JoinDays = 30;

    /// <summary>Longest text kept of one message; the rest of a very long e-mail is cut, not refused.</summary>
    public const int MaxText = 8000;

    /// <summary>The message taken; <paramref name="Deliveries"/>: its event's deliveries to modules, to queue after the commit.</summary>
    public sealed record Received(long ThreadId, long MessageId, bool Opened, IReadOnlyList<long> Deliveries);

    /// <summary>Takes one message in its own transaction; null when its external id was taken before.</summary>
    public Received? Receive(InboundItem item)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var received = Receive(connection, transaction, item);
        transaction.Commit();
        Announce(received);
        return received;
    }

    /// <summary>Tells modules of a message taken in the caller's transaction, once that transaction committed.</summary>
    public void Announce(Received? received)
    {
        if (received is not null) events.Deliver(received.Deliveries);
    }

    /// <summary>
    /// Takes one message inside the caller's transaction (a provider's callback records its event id, the reply and the
    /// desk item together, or none of them); null when its external id was taken before.
    /// </summary>
    public Received? Receive(IDbConnection connection, IDbTransaction transaction, InboundItem item)
    {
        if (item.ExternalId is not null && connection.ExecuteScalar<long?>(
                "SELECT thread_id FROM response_thread_message WHERE channel = @Channel AND external_id = @ExternalId", item, transaction) is not null)
            return null;
        item = AsLinkedPerson(connection, transaction, item);
        var context = ContextOf(connection, transaction, item);
        var threadId = context.AnswerThreadId ?? (item.OpensThread ? null : ActiveThread(connection, transaction, item));
        var opened = threadId is null;
        threadId ??= Open(connection, transaction, item, context);
        if (!opened) Reopen(connection, transaction, threadId.Value, item);
        var messageId = connection.ExecuteScalar<long>("""
            INSERT INTO response_thread_message (thread_id, kind, channel, text, at, external_id, reply_id)
            VALUES (@threadId, 'in', @Channel, @text, @At, @ExternalId, @ReplyId)
            RETURNING id
            """, new { threadId, item.Channel, text = Shortened(item.Text, MaxText), item.At, item.ExternalId, item.ReplyId }, transaction);
        return new Received(threadId.Value, messageId, opened, RaiseReceived(connection, transaction, threadId.Value, messageId, opened, item));
    }

    // The thread's module and topics as they stand (a message joining a thread belongs to the thread's module, tagged or not).
    private IReadOnlyList<long> RaiseReceived(IDbConnection connection, IDbTransaction transaction, long threadId, long messageId, bool opened, InboundItem item)
    {
        if (!events.IsHandled<ResponseReceived>()) return [];
        var (moduleId, topics) = connection.QuerySingle<(string ModuleId, string? Topics)>(
            "SELECT module_id, topics FROM response_thread WHERE id = @threadId", new { threadId }, transaction);
        return events.Record(connection, transaction,
            new ResponseReceived(threadId, messageId, item.CompatriotId, item.Channel, moduleId, DeskTopics.Split(topics), opened));
    }

    /// <summary>
    /// A sender staff said is a known person (<see cref="DeskThreads.LinkSender"/>) writes as that person from then on:
    /// their next message joins the person's thread, or opens one of the person's.
    /// </summary>
    private static InboundItem AsLinkedPerson(IDbConnection connection, IDbTransaction transaction, InboundItem item) =>
        item is { CompatriotId: null, UnknownSender: { } sender }
        && connection.ExecuteScalar<long?>("""
            SELECT compatriot_id FROM response_thread WHERE unknown_sender = @sender AND compatriot_id IS NOT NULL ORDER BY id DESC LIMIT 1
            """, new { sender }, transaction) is { } person
            ? item with { CompatriotId = person }
            : item;

    /// <summary>
    /// What the message answers, read once: the campaign, the module, and the person's language, gender and home region
    /// (a new thread keeps the last two, as a pledge does, for the desk's figures: migration 0033).
    /// </summary>
    private sealed record Context(long? CampaignId, string ModuleId, string Language, long? AnswerThreadId, string Gender, string? HomeRegion);

    private Context ContextOf(IDbConnection connection, IDbTransaction transaction, InboundItem item)
    {
        var answered = item.MessageId is { } messageId
            ? connection.QueryFirstOrDefault<(long CampaignId, string ModuleId)?>("""
                SELECT s.campaign_id, c.module_id FROM send_message s JOIN campaign c ON c.id = s.campaign_id WHERE s.id = @messageId
                """, new { messageId }, transaction)
            : null;
        // A reply to one of the desk's own answers belongs to the thread that answer came from.
        var answerThread = answered is { } a
            ? connection.ExecuteScalar<long?>("SELECT thread_id FROM response_thread_message WHERE campaign_id = @CampaignId AND kind = 'out' LIMIT 1",
                new { a.CampaignId }, transaction)
            : null;
        // The source may have read the person already (a question through a link): then they are not read again.
        var person = item.CompatriotId is not { } id ? null
            : item.Sender ?? connection.QueryFirstOrDefault<SenderFacts>(
                "SELECT language, gender, home_region AS HomeRegion FROM directory_compatriot WHERE id = @id", new { id }, transaction);
        var moduleId = answered?.ModuleId ?? modules.HomeOf(person?.HomeRegion)?.Id ?? modules.Enabled[0].Manifest.Id;
        return new Context(answerThread is null ? answered?.CampaignId : null, moduleId, person?.Language ?? "ru", answerThread,
            person?.Gender ?? "unknown", person?.HomeRegion);
    }

    private static long? ActiveThread(IDbConnection connection, IDbTransaction transaction, InboundItem item)
    {
        var since = item.At.AddDays(-JoinDays);
        return item.CompatriotId is { } compatriotId
            ? connection.ExecuteScalar<long?>("""
                SELECT id FROM response_thread
                WHERE compatriot_id = @compatriotId AND state <> 'forwarded' AND last_in_at >= @since
                ORDER BY last_in_at DESC, id DESC LIMIT 1
                """, new { compatriotId, since }, transaction)
            : connection.ExecuteScalar<long?>("""
                SELECT id FROM response_thread
                WHERE unknown_sender = @UnknownSender AND compatriot_id IS NULL AND state <> 'forwarded' AND last_in_at >= @since
                ORDER BY last_in_at DESC, id DESC LIMIT 1
                """, new { item.UnknownSender, since }, transaction);
    }

    private long Open(IDbConnection connection, IDbTransaction transaction, InboundItem item, Context context)
    {
        var due = sla.DueAt(context.ModuleId, item.At);
        return connection.ExecuteScalar<long>("""
            INSERT INTO response_thread (compatriot_id, unknown_sender, module_id, campaign_id, message_id, channel, addressed_to, organization_id,
                                         language, state, received_at, last_in_at, due_at, first_due_at, last_message, email_reference, email_subject, gender, home_region)
            VALUES (@CompatriotId, @unknownSender, @ModuleId, @CampaignId, @MessageId, @Channel, @addressedTo, @OrganizationId,
                    @Language, 'new', @At, @At, @due, @due, @preview, @EmailReference, @emailSubject, @Gender, @HomeRegion)
            RETURNING id
            """, new
            {
                item.CompatriotId, unknownSender = item.CompatriotId is null ? item.UnknownSender ?? "?" : null, context.ModuleId, context.CampaignId,
                item.MessageId, item.Channel, addressedTo = item.OrganizationId is null ? "administration" : "organisation", item.OrganizationId,
                context.Language, item.At, due, preview = Preview(item.Text), item.EmailReference, emailSubject = SubjectOf(item), context.Gender, context.HomeRegion,
            }, transaction);
    }

    /// <summary>
    /// A new message from the person: the thread is theirs to answer again. An answered or closed thread reopens (to its
    /// assignee, if it has one), and a thread that was waiting keeps its first deadline, not a later one.
    /// </summary>
    private void Reopen(IDbConnection connection, IDbTransaction transaction, long threadId, InboundItem item)
    {
        var (moduleId, state) = connection.QuerySingle<(string ModuleId, string State)>(
            "SELECT module_id, state FROM response_thread WHERE id = @threadId", new { threadId }, transaction);
        connection.Execute("""
            UPDATE response_thread
            SET state = CASE WHEN state IN ('answered', 'closed') THEN CASE WHEN assignee_id IS NULL THEN 'new' ELSE 'assigned' END ELSE state END,
                due_at = COALESCE(due_at, @due), closed_at = NULL, last_in_at = @At, last_message = @preview,
                email_reference = COALESCE(@EmailReference, email_reference),
                email_subject = CASE WHEN @EmailReference IS NULL THEN email_subject ELSE @emailSubject END
            WHERE id = @threadId
            """, new { threadId, due = sla.DueAt(moduleId, item.At), item.At, preview = Preview(item.Text), item.EmailReference, emailSubject = SubjectOf(item) },
            transaction);
        // The event comes just before the message that reopened the thread.
        if (state is ThreadStates.Answered or ThreadStates.Closed)
            ThreadEvent.Of(ThreadEvent.Reopened).Write(connection, transaction, threadId, authorId: null, item.At);
    }

    /// <summary>The subject an answer replies under: the e-mail's own, kept only with its Message-ID (it is that e-mail's).</summary>
    private static string? SubjectOf(InboundItem item) =>
        item.EmailReference is null || string.IsNullOrWhiteSpace(item.EmailSubject) ? null : Shortened(item.EmailSubject.Trim(), 300);

    public static string Preview(string text) => Shortened(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), 200);

    private static string Shortened(string text, int max) => text.Length > max ? text[..max] : text;
}
