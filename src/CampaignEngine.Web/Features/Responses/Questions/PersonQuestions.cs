using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Responses.Questions;

/// <summary>A line of a conversation as the person reads it: what they wrote (in) and what the administration answered (out).</summary>
internal sealed record QuestionLine(string Kind, string Channel, string Text, DateTimeOffset At)
{
    public bool FromPerson => Kind == "in";
}

/// <summary>One of the person's threads on their page: its state and its messages, without staff's notes, events or names.</summary>
internal sealed record QuestionThread(long Id, string State, string? ForwardedTo, DateTimeOffset ReceivedAt, IReadOnlyList<QuestionLine> Lines);

/// <summary>The person's own questions and the answers to them, for the page behind their link (newest first).</summary>
internal sealed class PersonQuestions(Db db)
{
    /// <summary>The most threads the page shows; a person with more is rare, and the newest matter.</summary>
    public const int MaxThreads = 50;

    public IReadOnlyList<QuestionThread> Of(long compatriotId)
    {
        using var connection = db.Open();
        var threads = connection.Query<(long Id, string State, string? ForwardedTo, DateTimeOffset ReceivedAt)>("""
            SELECT id, state, forwarded_to, received_at FROM response_thread
            WHERE compatriot_id = @compatriotId ORDER BY last_in_at DESC, id DESC LIMIT @MaxThreads
            """, new { compatriotId, MaxThreads }).ToList();
        if (threads.Count == 0) return [];
        // Only what passed between the person and the administration: notes and events are staff's own.
        var lines = connection.Query<(long ThreadId, string Kind, string Channel, string Text, DateTimeOffset At)>("""
            SELECT thread_id, kind, channel, text, at FROM response_thread_message
            WHERE thread_id IN (SELECT value FROM json_each(@ids)) AND kind IN ('in', 'out') ORDER BY thread_id, at, id
            """, new { ids = JsonIds.Of(threads.Select(t => t.Id)) }).ToLookup(l => l.ThreadId);
        return threads.Select(t => new QuestionThread(t.Id, t.State, t.ForwardedTo, t.ReceivedAt,
            lines[t.Id].Select(l => new QuestionLine(l.Kind, l.Channel, l.Text, l.At)).ToList())).ToList();
    }
}
