using System.Data;
using CampaignEngine.Web.Features.Privacy;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// Replies a person sent back and their desk threads (what they wrote, the answers, staff's notes and the thread's
/// events): exported as written, deleted on erasure (their words are theirs, and no total counts them). A thread of a
/// sender later linked to the person is theirs too, and so is the address it came from.
/// </summary>
internal sealed class ResponsesPersonalData : IPersonalDataContributor
{
    public IReadOnlyList<PersonalColumns> Covers { get; } =
    [
        new("response_reply", ["compatriot_id", "text"]),
        new("response_thread", ["compatriot_id", "unknown_sender", "last_message", "forwarded_to", "email_reference"]),
        new("response_thread_message", ["text", "args", "external_id"]),
    ];

    public IEnumerable<KeyValuePair<string, object>> Export(IDbConnection connection, long compatriotId) => Sections(connection, compatriotId, ["in", "out", "note", "event"]);

    /// <summary>
    /// The person's own download carries what passed between them and the administration, as their page shows it: staff's
    /// notes are the desk's working papers (they may name colleagues or other people) and its events name the staff who
    /// acted, so both stay with the staff export, which answers a formal request in full.
    /// </summary>
    public IEnumerable<KeyValuePair<string, object>> ExportToPerson(IDbConnection connection, long compatriotId) => Sections(connection, compatriotId, ["in", "out"]);

    private static IEnumerable<KeyValuePair<string, object>> Sections(IDbConnection connection, long compatriotId, string[] kinds)
    {
        yield return new("replies", connection.Query("""
            SELECT channel, text, received_at AS "receivedAt" FROM response_reply WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
        var parameters = new DynamicParameters(new { compatriotId });
        var kindList = SqlList.In(parameters, "kind", kinds);
        var messages = connection.Query($"""
            SELECT m.thread_id AS "threadId", m.kind, m.channel, m.text, m.code, m.args, m.at
            FROM response_thread_message m JOIN response_thread t ON t.id = m.thread_id
            WHERE t.compatriot_id = @compatriotId AND m.kind IN {kindList} ORDER BY m.id
            """, parameters).ToLookup(m => (long)m.threadId);
        yield return new("questions", connection.Query("""
            SELECT id, channel, state, topics, module_id AS "moduleId", campaign_id AS "campaignId", received_at AS "receivedAt", forwarded_to AS "forwardedTo"
            FROM response_thread WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).Select(t => new
        {
            thread = t,
            messages = messages[(long)t.id].Select(m => new { m.kind, m.channel, m.text, m.code, m.args, m.at }).ToList(),
        }).ToList());
    }

    public void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now)
    {
        connection.Execute("DELETE FROM response_reply WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);
        connection.Execute("""
            DELETE FROM response_thread_message WHERE thread_id IN (SELECT id FROM response_thread WHERE compatriot_id = @compatriotId);
            DELETE FROM response_thread WHERE compatriot_id = @compatriotId;
            """, new { compatriotId }, transaction);
    }
}
