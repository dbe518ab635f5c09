using System.Data;
using Dapper;

namespace CampaignEngine.Web.Features.Privacy.Requests;

/// <summary>
/// The person's erasure requests: exported with their states and dates; on erasure the open one is honoured and the
/// reasons of refusals (typed about the person) become "—". The rows stay, naming only the person's id, so staff can
/// still show that a request was honoured, and when.
/// </summary>
internal sealed class ErasureRequestsPersonalData : IPersonalDataContributor
{
    public IReadOnlyList<PersonalColumns> Covers { get; } = [new("privacy_erasure_request", ["compatriot_id", "refusal_reason"])];

    public IEnumerable<KeyValuePair<string, object>> Export(IDbConnection connection, long compatriotId)
    {
        yield return new("erasureRequests", connection.Query("""
            SELECT state, requested_at AS "requestedAt", due_at AS "dueAt", decided_at AS "decidedAt", refusal_reason AS "refusalReason", erased_at AS "erasedAt"
            FROM privacy_erasure_request WHERE compatriot_id = @compatriotId ORDER BY id
            """, new { compatriotId }).ToList());
    }

    public void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now) =>
        ErasureRequests.Erase(connection, transaction, compatriotId, now);
}
