using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// SQLite, a large import: the foreign keys of the tables an import writes are checked once, before the commit, instead
/// of as each row goes in. Checked row by row, SQLite looks each search term's person up as the term is written, and
/// the terms go in in the term index's order, which is random over the directory: at a million people those lookups
/// took 12 of the 19 seconds that writing the terms took. The same lookups walked in person order, through the index each
/// key already has, take about a second (docs/benchmarks.md, session 23).
/// <para>
/// SQLite switches its foreign keys only outside a transaction, so the writer suspends them before it begins, for any
/// import of <see cref="CompatriotWriter.BulkLoad"/> rows or more, new people or not. <see cref="Check"/> reads every key
/// of those tables, whoever wrote it; a key without its row fails the import, which then rolls back whole.
/// <see cref="Dispose"/> enforces them again on the connection before it goes back to the pool (<c>Db.Open</c> sets them
/// only once per native connection). The import deletes no row that other rows point at, so no <c>ON DELETE</c> action is skipped.
/// </para>
/// </summary>
internal sealed class BulkReferences : IDisposable
{
    private readonly SqliteConnection _connection;

    private BulkReferences(SqliteConnection connection) => _connection = connection;

    /// <summary>Stops enforcing foreign keys on <paramref name="connection"/>, which must not be in a transaction.</summary>
    public static BulkReferences Suspend(SqliteConnection connection)
    {
        connection.Execute("PRAGMA foreign_keys = OFF");
        return new BulkReferences(connection);
    }

    /// <summary>Throws if a key of <see cref="CompatriotWriter.WrittenTables"/> names a row that does not exist.</summary>
    public void Check(DbTransaction transaction)
    {
        foreach (var key in Keys(_connection, transaction))
        {
            // Through the index on the key's column, so the lookups come in key order, not in the table's.
            var missing = _connection.ExecuteScalar<long?>($"""
                SELECT c."{key.Column}" FROM "{key.Table}" c
                WHERE c."{key.Column}" IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM "{key.Parent}" p WHERE p."{key.ParentColumn}" = c."{key.Column}")
                LIMIT 1
                """, transaction: transaction, commandTimeout: Infrastructure.Database.Db.BulkStatementSeconds);
            if (missing is { } value)
                throw new InvalidOperationException(
                    $"FOREIGN KEY constraint failed: {key.Table}.{key.Column} = {value} names no row of {key.Parent}; nothing was imported.");
        }
    }

    private sealed record Key(string Table, string Column, string Parent, string ParentColumn);

    private static List<Key> Keys(DbConnection connection, DbTransaction transaction)
    {
        var keys = connection.Query<(string Table, string Column, string Parent, string? ParentColumn, long Part)>($"""
            SELECT m.name, f."from", f."table", f."to", f.seq
            FROM sqlite_master m, pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND m.name IN ({string.Join(", ", CompatriotWriter.WrittenTables.Select(t => $"'{t}'"))})
            """, transaction: transaction).ToList();
        // Every key of these tables is a single column today; a key of several would need its own check.
        if (keys.Any(k => k.Part > 0)) throw new NotSupportedException("A foreign key of several columns is not checked by a bulk import.");
        return [.. keys.Select(k => new Key(k.Table, k.Column, k.Parent, k.ParentColumn ?? "rowid"))];
    }

    public void Dispose()
    {
        try
        {
            _connection.Execute("PRAGMA foreign_keys = ON");
        }
        catch (SqliteException)
        {
            // A connection whose keys are off must not serve anyone else: the pool discards it when it is closed.
            SqliteConnection.ClearPool(_connection);
        }
    }
}
