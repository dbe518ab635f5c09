using System.Data;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Privacy.Requests;

/// <summary>
/// The erasure requests people make on their own page (<c>privacy_erasure_request</c>), and staff's decisions on them.
/// A request is due <c>Privacy:ErasureDays</c> (30 by default) after it was made; one person has at most one open.
/// </summary>
internal sealed class ErasureRequests(Db db, TimeProvider clock, IConfiguration configuration)
{
    private const string Columns = """
        r.id AS Id, r.compatriot_id AS CompatriotId, r.state AS State, r.requested_at AS RequestedAt, r.due_at AS DueAt,
        r.decided_at AS DecidedAt, r.refusal_reason AS RefusalReason, r.erased_at AS ErasedAt
        """;

    /// <summary>How many days staff have to decide; the page tells the person the date.</summary>
    public int Days => Math.Clamp(configuration.GetValue("Privacy:ErasureDays", 30), 1, 365);

    /// <summary>Records the person's request; when one is already open, that one is returned and nothing is added.</summary>
    public (ErasureRequest Request, bool Created) Ask(long compatriotId)
    {
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        // The partial unique index keeps one open request per person, even when two asks race.
        var id = connection.ExecuteScalar<long?>("""
            INSERT INTO privacy_erasure_request (compatriot_id, state, requested_at, due_at) VALUES (@compatriotId, 'requested', @now, @due)
            ON CONFLICT (compatriot_id) WHERE state IN ('requested', 'confirmed') DO NOTHING
            RETURNING id
            """, new { compatriotId, now, due = now.AddDays(Days) }, transaction);
        var request = connection.QuerySingle<ErasureRequest>($"""
            SELECT {Columns} FROM privacy_erasure_request r WHERE r.compatriot_id = @compatriotId AND r.state IN ('requested', 'confirmed')
            """, new { compatriotId }, transaction);
        transaction.Commit();
        return (request, id is not null);
    }

    public ErasureRequest? Find(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<ErasureRequest>($"SELECT {Columns} FROM privacy_erasure_request r WHERE r.id = @id", new { id });
    }

    /// <summary>The person's newest request, for their own page; null when they never asked.</summary>
    public ErasureRequest? Latest(long compatriotId)
    {
        using var connection = db.Open();
        return connection.QueryFirstOrDefault<ErasureRequest>($"SELECT {Columns} FROM privacy_erasure_request r WHERE r.compatriot_id = @compatriotId ORDER BY r.id DESC LIMIT 1",
            new { compatriotId });
    }

    /// <summary>Every request of the person, newest first, for their staff page.</summary>
    public IReadOnlyList<ErasureRequest> Of(long compatriotId)
    {
        using var connection = db.Open();
        return connection.Query<ErasureRequest>($"SELECT {Columns} FROM privacy_erasure_request r WHERE r.compatriot_id = @compatriotId ORDER BY r.id DESC",
            new { compatriotId }).ToList();
    }

    /// <summary>
    /// Requests about people in <paramref name="scope"/>: the open ones first by due date (so the overdue lead), then the
    /// decided ones, newest first. A state narrows the list.
    /// </summary>
    public IReadOnlyList<ErasureRequestLine> List(AccessScope scope, string? state, int limit = 200)
    {
        var condition = scope.ForPeople("c.home_region", "c.organization_id");
        using var connection = db.Open();
        return connection.Query<ErasureRequest, string, ErasureRequestLine>($"""
            SELECT {Columns}, c.full_name AS FullName
            FROM privacy_erasure_request r JOIN directory_compatriot c ON c.id = r.compatriot_id
            WHERE (@state IS NULL OR r.state = @state) AND {condition.Sql}
            ORDER BY r.state IN ('requested', 'confirmed') DESC, CASE WHEN r.state IN ('requested', 'confirmed') THEN r.due_at END, r.id DESC
            LIMIT @limit
            """, (request, name) => new ErasureRequestLine(request, name), condition.With(new { state, limit }), splitOn: "FullName").ToList();
    }

    /// <summary>Requested → confirmed by <paramref name="userId"/>; false when the request no longer waits.</summary>
    public bool Confirm(long id, long userId) => Decide(id, userId, ErasureRequest.Confirmed, reason: null);

    /// <summary>Requested → refused with the reason the person will read; false when the request no longer waits.</summary>
    public bool Refuse(long id, long userId, string reason) => Decide(id, userId, ErasureRequest.Refused, reason);

    private bool Decide(long id, long userId, string state, string? reason)
    {
        using var connection = db.Open();
        return connection.Execute("""
            UPDATE privacy_erasure_request SET state = @state, decided_by = @userId, decided_at = @now, refusal_reason = @reason
            WHERE id = @id AND state = 'requested'
            """, new { id, userId, state, reason, now = clock.GetUtcNow() }) == 1;
    }

    /// <summary>The requests confirmed whose erasure has not run (a restart forgot their jobs).</summary>
    public IReadOnlyList<long> ConfirmedNotRun()
    {
        using var connection = db.Open();
        return connection.Query<long>("SELECT id FROM privacy_erasure_request WHERE state = 'confirmed' ORDER BY id").ToList();
    }

    /// <summary>Which of the people have a request still open (requested or confirmed), in one query.</summary>
    public static HashSet<long> Open(IDbConnection connection, IReadOnlyCollection<long> compatriotIds) =>
        compatriotIds.Count == 0
            ? []
            : connection.Query<long>("""
                SELECT compatriot_id FROM privacy_erasure_request
                WHERE state IN ('requested', 'confirmed') AND compatriot_id IN (SELECT value FROM json_each(@ids))
                """, new { ids = JsonIds.Of(compatriotIds) }).ToHashSet();

    /// <summary>
    /// Inside the erasure's transaction: the person's open request is honoured (whoever erased them, and however), and the
    /// reasons of earlier refusals, typed about the person, are redacted. The rows stay, naming only the person's id.
    /// </summary>
    public static void Erase(IDbConnection connection, IDbTransaction transaction, long compatriotId, DateTimeOffset now) =>
        connection.Execute("""
            UPDATE privacy_erasure_request SET state = 'erased', erased_at = @now WHERE compatriot_id = @compatriotId AND state IN ('requested', 'confirmed');
            UPDATE privacy_erasure_request SET refusal_reason = @erased WHERE compatriot_id = @compatriotId AND refusal_reason IS NOT NULL;
            """, new { compatriotId, now, erased = Privacy.Erased.Text }, transaction);
}
