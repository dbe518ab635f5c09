using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// A read transaction whose every statement sees the database at one moment, as the kept columns need (the pledge
/// report's, the directory list's): their position and the rows they answer from must agree.
/// </summary>
internal static class ReadSnapshot
{
    /// <summary>SQLite: a deferred transaction reads one commit throughout. PostgreSQL: repeatable read.</summary>
    public static DbTransaction Begin(DbConnection connection) => connection is SqliteConnection sqlite
        ? sqlite.BeginTransaction(deferred: true)
        : connection.BeginTransaction(IsolationLevel.RepeatableRead);

    /// <summary>
    /// PostgreSQL: the snapshot the transaction reads under, as text. Call it first: the first statement of a
    /// repeatable-read transaction fixes its snapshot.
    /// </summary>
    public static string PostgreSqlSnapshot(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteScalar<string>("SELECT pg_current_snapshot()::text", transaction: transaction)!;
}
