using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// A larger page cache on the import's connection while it writes, back to SQLite's default when disposed (the
/// connection returns to the pool). A transaction of a million people touches more pages than the default 2 MB hold:
/// SQLite then spills changed pages to the log mid-transaction and reads them back from it, several times over.
/// Memory is taken only as pages are used, and given back when the cache shrinks again.
/// </summary>
internal sealed class ImportCache : IDisposable
{
    /// <summary>The cache while importing, in KiB (256 MB).</summary>
    public const int Kibibytes = 262_144;

    // SQLite's default (PRAGMA cache_size = -2000), which every other use of a pooled connection expects.
    private const int DefaultKibibytes = 2_000;

    private readonly SqliteConnection _connection;

    private ImportCache(SqliteConnection connection) => _connection = connection;

    /// <summary>The page cache for one import (<see cref="CompatriotsSql.ForImport"/>: PostgreSQL's shared buffers are the server's).</summary>
    public static ImportCache Of(SqliteConnection connection)
    {
        connection.Execute($"PRAGMA cache_size = -{Kibibytes}");
        return new ImportCache(connection);
    }

    public void Dispose() => _connection.Execute($"PRAGMA cache_size = -{DefaultKibibytes}");
}
