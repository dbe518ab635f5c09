using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// SQLite's sorter set up for an import's large sorts (<see cref="CompatriotsSql.ForBulkSorts"/>): the new people's
/// staged search terms put in the term index's order, and the indexes a bulk load builds again. The connection's own
/// settings come back when disposed. SQLite sorts in runs as large as the page cache; under the import's 256 MB cache
/// (<see cref="ImportCache"/>) a million people's terms, or each of their indexes, were one run, sorted on the importing
/// thread alone. Runs of a few megabytes let the sorter's worker threads sort them and merge them beside it. In the
/// SQLite shell (two cores) the thirteen indexes took 10.5–12 s instead of 16.3 s and the terms' insert 3.2–3.5 s
/// instead of 6.4 s (docs/benchmarks.md, session 29). The terms go in in key order either way, so the smaller cache
/// writes each page of the term table out once.
/// </summary>
internal sealed class BulkSorter : IDisposable
{
    /// <summary>The page cache, and so the sorter's runs, while sorting, in KiB (8 MB).</summary>
    public const int RunKibibytes = 8_192;

    private readonly SqliteConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly long _cacheSize;
    private readonly long _threads;

    private BulkSorter(SqliteConnection connection, DbTransaction transaction, long cacheSize, long threads) =>
        (_connection, _transaction, _cacheSize, _threads) = (connection, transaction, cacheSize, threads);

    /// <summary>Worker threads beside the importing one: one per other core, at most three (SQLite's build allows eight).</summary>
    public static int WorkerThreads => Math.Clamp(Environment.ProcessorCount - 1, 1, 3);

    public static BulkSorter Of(SqliteConnection connection, DbTransaction transaction)
    {
        var sorter = new BulkSorter(connection, transaction,
            connection.ExecuteScalar<long>("PRAGMA cache_size", transaction: transaction),
            connection.ExecuteScalar<long>("PRAGMA threads", transaction: transaction));
        // Shrinking the cache writes the transaction's changed pages to the log now rather than at the commit.
        connection.Execute($"PRAGMA cache_size = -{RunKibibytes}; PRAGMA threads = {WorkerThreads}", transaction: transaction);
        return sorter;
    }

    public void Dispose() =>
        _connection.Execute($"PRAGMA threads = {_threads}; PRAGMA cache_size = {_cacheSize}", transaction: _transaction);
}
