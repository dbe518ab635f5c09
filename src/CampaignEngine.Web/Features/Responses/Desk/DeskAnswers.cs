using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>The answers desk-answer campaigns carry, for the dispatcher (Sending's port): one query per claimed batch.</summary>
internal sealed class DeskAnswers(Db db) : IDeskAnswers
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

    private sealed record AnswerRow
    {
        public long? CompatriotId { get; init; }
        public string Text { get; init; } = "";
        public string? EmailReference { get; init; }
        public string? EmailSubject { get; init; }
        public DateTimeOffset? LastWhatsAppAt { get; init; }
    }
}
