using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Audit;

internal sealed record AuditEntry
{
    public long Id { get; init; }
    /// <summary>The instant as stored (ISO 8601, UTC) and hashed.</summary>
    public string At { get; init; } = "";
    public DateTimeOffset AtTime => DateTimeOffset.Parse(At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    public long? ActorId { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string? Subject { get; init; }
    public string? Detail { get; init; }
    public string PrevHash { get; init; } = "";
    public string Hash { get; init; } = "";
}

/// <summary>
/// The append-only record of who did what. Details carry ids and counts, never names, phones or
/// secrets: the log outlives erasure requests and is read by more people than the directory.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The writer gate lives as long as the host (the log is its singleton); a SemaphoreSlim holds no handle unless AvailableWaitHandle is read, and disposing it at shutdown would fail entries still being written.")]
internal sealed class AuditLog(Db db, TimeProvider clock)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    // One gate per host (the log is a singleton of the host's container), not per process: two hosts in one process
    // (tests, the bench) have their own databases. Hosts sharing one database are ordered by the database itself
    // (AuditSql: the file's write lock on SQLite, an advisory lock on PostgreSQL).
    private readonly SemaphoreSlim _writer = new(1, 1);

    public void Record(CurrentUser? actor, string action, string? subject = null, object? detail = null) =>
        Append(actor?.Id, actor?.Login ?? "system", action, subject, detail);

    public void Append(long? actorId, string actor, string action, string? subject, object? detail)
    {
        var at = clock.GetUtcNow().ToDb();
        var detailJson = detail is null ? null : JsonSerializer.Serialize(detail);
        // One writer at a time, inside the process and in the database, so two entries never share a predecessor.
        _writer.Wait();
        try
        {
            using var connection = db.Open();
            using var transaction = AuditSql.Of(connection).BeginAppend(connection);
            var previous = connection.ExecuteScalar<string?>("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", transaction: transaction) ?? Genesis;
            var hash = Hash(previous, at, actorId, actor, action, subject, detailJson);
            connection.Execute("""
                INSERT INTO audit_log (at, actor_id, actor, action, subject, detail, prev_hash, hash)
                VALUES (@at, @actorId, @actor, @action, @subject, @detailJson, @previous, @hash)
                """, new { at, actorId, actor, action, subject, detailJson, previous, hash }, transaction);
            transaction.Commit();
        }
        finally { _writer.Release(); }
    }

    public IReadOnlyList<AuditEntry> List(DateTimeOffset? from, DateTimeOffset? to, long? actorId, int limit = 500)
    {
        // Only the bounds given: PostgreSQL cannot type a parameter that is only ever compared with NULL ("@from IS NULL").
        var conditions = new List<string> { "1 = 1" };
        if (from is not null) conditions.Add("at >= @from");
        if (to is not null) conditions.Add("at < @to");
        if (actorId is not null) conditions.Add("actor_id = @actorId");
        using var connection = db.Open();
        return connection.Query<AuditEntry>($"""
            SELECT id, at, actor_id AS ActorId, actor, action, subject, detail, prev_hash AS PrevHash, hash
            FROM audit_log
            WHERE {string.Join(" AND ", conditions)}
            ORDER BY id DESC LIMIT @limit
            """, new { from, to, actorId, limit }).ToList();
    }

    /// <summary>
    /// Walks the chain from the start; the id of the first row whose hash or link does not hold, or null.
    /// Then compares the end of the chain with the anchor kept beside it: entries cut off the end leave the
    /// chain itself intact, so the first missing id is reported.
    /// </summary>
    public long? FirstBroken()
    {
        using var connection = db.Open();
        var expected = Genesis;
        long lastId = 0, entries = 0;
        foreach (var e in connection.Query<AuditEntry>("""
            SELECT id, at, actor_id AS ActorId, actor, action, subject, detail, prev_hash AS PrevHash, hash FROM audit_log ORDER BY id
            """, buffered: false))
        {
            if (e.PrevHash != expected || Hash(e.PrevHash, e.At, e.ActorId, e.Actor, e.Action, e.Subject, e.Detail) != e.Hash) return e.Id;
            expected = e.Hash;
            lastId = e.Id;
            entries++;
        }
        // A database from before the anchor existed (audit-verify pointed at an old file) has only the chain to go by;
        // once the migration ran, a missing anchor table or row is itself tampering.
        var engine = AuditSql.Of(connection);
        if (!engine.Anchored(connection)) return null;
        var anchor = engine.HasAnchorTable(connection) ? connection.QuerySingleOrDefault<AuditAnchor>(
            "SELECT last_id AS LastId, entries AS Entries, head_hash AS HeadHash FROM audit_anchor WHERE id = 1") : null;
        if (anchor is null) return lastId + 1;
        if (anchor.LastId > lastId) return lastId + 1;
        if (anchor.LastId != lastId || anchor.Entries != entries || anchor.HeadHash != expected) return Math.Max(lastId, 1);
        return null;
    }

    private sealed record AuditAnchor
    {
        public long LastId { get; init; }
        public long Entries { get; init; }
        public string HeadHash { get; init; } = "";
    }

    private static string Hash(string previous, string at, long? actorId, string actor, string action, string? subject, string? detail) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', previous, at, actorId?.ToString(CultureInfo.InvariantCulture) ?? "", actor, action, subject ?? "", detail ?? "")))).ToLowerInvariant();
}
