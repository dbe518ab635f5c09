using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace CampaignEngine.Web.Features.Audit;

/// <summary>
/// What differs between the engines in the audit feature (ADR 0012): how an append becomes the chain's only writer
/// (every entry links to the one before it, so appends must follow one another on every host sharing the database), and
/// how the verifier learns whether the database has the anchor.
/// </summary>
internal abstract class AuditSql
{
    private static readonly AuditSql OnSqlite = new Sqlite();
    private static readonly AuditSql OnPostgreSql = new PostgreSql();

    public static AuditSql Of(IDbConnection connection) => connection is NpgsqlConnection ? OnPostgreSql : OnSqlite;

    /// <summary>A transaction in which the chain's head is read and a new entry appended by one writer at a time, on every host.</summary>
    public abstract DbTransaction BeginAppend(DbConnection connection);

    /// <summary>Whether the database has had the anchor since its migration: before it, only the chain can be checked.</summary>
    public abstract bool Anchored(IDbConnection connection);

    /// <summary>Whether the anchor's table stands (once <see cref="Anchored"/>, a missing one is itself tampering).</summary>
    public abstract bool HasAnchorTable(IDbConnection connection);

    private sealed class Sqlite : AuditSql
    {
        // BEGIN IMMEDIATE: the file's write lock is taken before the head is read, so no other writer slips in between.
        public override DbTransaction BeginAppend(DbConnection connection) => connection.BeginTransaction(IsolationLevel.Serializable);

        // A file once migration 0014 ran.
        public override bool Anchored(IDbConnection connection) =>
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migration WHERE name LIKE '0014_%'") > 0;

        public override bool HasAnchorTable(IDbConnection connection) =>
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_anchor'") > 0;
    }

    private sealed class PostgreSql : AuditSql
    {
        // A serializable transaction makes the second of two concurrent appends fail (40001) instead of waiting, and the
        // entry was lost with a 500. A transaction-scoped advisory lock queues appends from every host instead; under
        // READ COMMITTED the head is read after the lock is granted, so it sees the entry committed just before.
        public override DbTransaction BeginAppend(DbConnection connection)
        {
            var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
            connection.Execute("SELECT pg_advisory_xact_lock(hashtext('audit_log:append'))", transaction: transaction);
            return transaction;
        }

        // The baseline has the anchor from the start (ADR 0012).
        public override bool Anchored(IDbConnection connection) => true;

        public override bool HasAnchorTable(IDbConnection connection) =>
            connection.ExecuteScalar<string?>("SELECT to_regclass('audit_anchor')::text") is not null;
    }
}
