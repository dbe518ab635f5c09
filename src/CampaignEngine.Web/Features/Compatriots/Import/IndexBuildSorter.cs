using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// SQLite's sorter set up for the indexes a bulk load builds again (<see cref="CompatriotsSql.ForIndexBuilds"/>), and
/// the connection's own settings put back when disposed. SQLite sorts an index's entries in runs as large as the page
/// cache; under the import's 256 MB cache (<see cref="ImportCache"/>) each index of a million people is one run, sorted
/// on the importing thread alone. Runs of a few megabytes let the sorter's worker threads sort them and merge them
/// beside it: a million people's thirteen indexes took 10.5–12 s instead of 16.3 s in the SQLite shell (two cores), and
/// the import of a million 36.6–38.7 s instead of 42.4–42.5 s (docs/benchmarks.md, session 29).
/// </summary>
internal sealed class IndexBuildSorter : IDisposable
{
    /// <summary>The page cache, and so the sorter's runs, while the indexes are built, in KiB (8 MB).</summary>
    public const int RunKibibytes = 8_192;

    private readonly SqliteConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly long _cacheSize;
    private readonly long _threads;

    private IndexBuildSorter(SqliteConnection connection, DbTransaction transaction, long cacheSize, long threads) =>
        (_connection, _transaction, _cacheSize, _threads) = (connection, transaction, cacheSize, threads);

    /// <summary>Worker threads beside the importing one: one per other core, at most three (SQLite's build allows eight).</summary>
    public static int WorkerThreads => Math.Clamp(Environment.ProcessorCount - 1, 1, 3);

    public static IndexBuildSorter Of(SqliteConnection connection, DbTransaction transaction)
    {
        var sorter = new IndexBuildSorter(connection, transaction,
            connection.ExecuteScalar<long>("PRAGMA cache_size", transaction: transaction),
            connection.ExecuteScalar<long>("PRAGMA threads", transaction: transaction));
        // Shrinking the cache writes the transaction's changed pages to the log now rather than at the commit.
        connection.Execute($"PRAGMA cache_size = -{RunKibibytes}; PRAGMA threads = {WorkerThreads}", transaction: transaction);
        return sorter;
    }

    public void Dispose() =>
        _connection.Execute($"PRAGMA threads = {_threads}; PRAGMA cache_size = {_cacheSize}", transaction: _transaction);
}
