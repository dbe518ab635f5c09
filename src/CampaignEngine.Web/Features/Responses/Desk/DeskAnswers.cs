using System.Data;
using System.Globalization;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// The answers desk-answer campaigns carry, for the dispatcher (Sending's port): one query per claimed batch; and how
/// each ended, told to its thread.
/// </summary>
internal sealed class DeskAnswers(Db db, DeskSla sla, TimeProvider clock) : IDeskAnswers
{
    public IReadOnlyDictionary<long, DeskAnswer>? ForBatch(long campaignId, string purpose, IReadOnlyCollection<long> compatriotIds)
    {
        if (purpose != AnswerDelivery.Purpose) return null;
        using var connection = db.Open();
        var name = connection.ExecuteScalar<string?>("SELECT name FROM campaign WHERE id = @campaignId", new { campaignId });
        if (name is null || AnswerDelivery.AnswerIdOf(name) is not { } answerId) return new Dictionary<long, DeskAnswer>();
        // The campaign's name leads to the answer, so a dispatch that runs before the answer records its campaign finds it too.
        var row = connection.QuerySingleOrDefault<AnswerRow>("""
            SELECT t.compatriot_id AS CompatriotId, m.text AS Text, t.email_reference AS EmailReference, t.email_subject AS EmailSubject,
                   (SELECT MAX(i.at) FROM response_thread p JOIN response_thread_message i ON i.thread_id = p.id AND i.kind = 'in' AND i.channel = 'whatsapp'
                    WHERE p.compatriot_id = t.compatriot_id) AS LastWhatsAppAt
            FROM response_thread_message m JOIN response_thread t ON t.id = m.thread_id
            WHERE m.id = @answerId AND m.kind = 'out'
            """, new { answerId });
        var answers = new Dictionary<long, DeskAnswer>();
        if (row is { CompatriotId: { } person } && compatriotIds.Contains(person))
            answers[person] = new DeskAnswer(row.Text, row.EmailReference, row.EmailSubject, row.LastWhatsAppAt);
        return answers;
    }

    /// <summary>
    /// Says on each answer's thread whether it went (the dispatcher's outcomes; an opt-out's skipped messages, from
    /// <see cref="Consent"/>). An answer that did not (the person opted out of the channel after it was queued, has no
    /// address there, or the provider refused it for good) leaves the person without an answer, so
    /// the thread waits for one again: back to "assigned" (to whoever answered) with the deadline of the person's newest message (overdue at
    /// once when that has passed, so the desk lists it first), and the event says why. What staff do then — another
    /// channel, a call, or closing it since the person can read the answer on their page — is theirs to decide.
    /// A thread the person wrote to again since, or forwarded meanwhile, keeps its state: it already waits, or is elsewhere.
    /// </summary>
    public void Settled(IDbConnection connection, IDbTransaction transaction, IReadOnlyList<AnswerOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            var name = connection.ExecuteScalar<string?>(
                "SELECT name FROM campaign WHERE id = @CampaignId AND purpose = @purpose", new { outcome.CampaignId, purpose = AnswerDelivery.Purpose }, transaction);
            if (name is null || AnswerDelivery.AnswerIdOf(name) is not { } answerId) continue;
            var thread = connection.QuerySingleOrDefault<(long Id, string ModuleId, DateTimeOffset LastInAt)?>("""
                SELECT t.id, t.module_id, t.last_in_at FROM response_thread_message m JOIN response_thread t ON t.id = m.thread_id
                WHERE m.id = @answerId AND m.kind = 'out' AND t.compatriot_id = @CompatriotId
                """, new { answerId, outcome.CompatriotId }, transaction);
            if (thread is not { } t) continue;
            var answer = answerId.ToString(CultureInfo.InvariantCulture);
            var now = clock.GetUtcNow();
            if (outcome.Sent)
            {
                ThreadEvent.Of(ThreadEvent.AnswerSent, ("answer", answer), ("channel", outcome.Channel)).Write(connection, transaction, t.Id, null, now);
                continue;
            }
            connection.Execute("""
                UPDATE response_thread SET state = CASE WHEN assignee_id IS NULL THEN 'new' ELSE 'assigned' END, due_at = @due, closed_at = NULL
                WHERE id = @Id AND state IN ('answered', 'closed')
                """, new { t.Id, due = sla.DueAt(t.ModuleId, t.LastInAt) }, transaction);
            ThreadEvent.Of(ThreadEvent.AnswerUndelivered, ("answer", answer), ("channel", outcome.Channel), ("reason", outcome.Error ?? "failed"))
                .Write(connection, transaction, t.Id, null, now);
        }
    }

    private sealed record AnswerRow
    {
        public long? CompatriotId { get; init; }
        public string Text { get; init; } = "";
        public string? EmailReference { get; init; }
        public string? EmailSubject { get; init; }
        public DateTimeOffset? LastWhatsAppAt { get; init; }
    }
}
