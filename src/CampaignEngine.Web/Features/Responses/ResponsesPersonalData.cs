using System.Data;
using CampaignEngine.Web.Features.Privacy;
using Dapper;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>Replies a person sent back: exported as written, deleted on erasure (their words are theirs, and no total counts them).</summary>
internal sealed class ResponsesPersonalData : IPersonalDataContributor
{
    public IReadOnlyList<PersonalColumns> Covers { get; } = [new("response_reply", ["compatriot_id", "text"])];

    public IEnumerable<KeyValuePair<string, object>> Export(IDbConnection connection, long compatriotId)
    {
        yield return new("replies", connection.Query("""
            SELECT channel, text, received_at AS receivedAt FROM response_reply WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
    }

    public void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now) =>
        connection.Execute("DELETE FROM response_reply WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);
}
