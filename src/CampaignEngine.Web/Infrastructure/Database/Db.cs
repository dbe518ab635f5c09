using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>Opens connections to the product's SQLite file. Each caller opens, uses and disposes its own.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The writer gate lives as long as the host; a SemaphoreSlim holds no handle unless AvailableWaitHandle is read, and disposing it at shutdown would fail writes still finishing.")]
internal sealed class Db
{
    private readonly string _connectionString;

    public Db(IOptions<DatabaseOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        var folder = System.IO.Path.GetDirectoryName(path)!;
        // A folder made here is the product's own (data/ by default): owner-only. One that was there is the operator's.
        if (!Directory.Exists(folder)) Files.OwnerOnly.Folder(folder);
        // The database and its log files (SQLite gives them the database's mode) are owner-only, also when older.
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) Files.OwnerOnly.TightenFile(file);
        CreateOwnerOnly(path);
        FilePath = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // SQLite has one writer at a time: wait for the lock instead of failing at once.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    // SQLite makes a missing database with the umask's mode; an empty file made here first is a valid empty database.
    private static void CreateOwnerOnly(string path)
    {
        if (File.Exists(path)) return;
        try
        {
            using var _ = new FileStream(path, Files.OwnerOnly.NewFile(FileMode.CreateNew));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another host made it at the same moment.
        }
    }

    /// <summary>
    /// The log size (pages) at which a commit copies the log into the database itself. <see cref="WalCheckpointer"/>
    /// does that a few times a second in the background; this is the bound for when it cannot keep up (40 MB).
    /// </summary>
    public const int AutoCheckpointPages = 10_000;

    // SQLite lets one writer in at a time; others wait in its busy handler, which sleeps in growing steps (up to
    // 100 ms) and so turns a burst of concurrent writes into seconds of latency. Hot write paths queue here instead,
    // in the order they came, and go in one after another without sleeping.
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Holds the process's single-writer gate until disposed; wrap a short write (one insert, one transaction) in it.</summary>
    public async ValueTask<IDisposable> WriterAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        return new WriterTurn(_writer);
    }

    private sealed class WriterTurn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    // Native connections already set up. Pooling hands the same native connection out again and again; its
    // settings stay, so they are applied once per native connection instead of once per Open.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = new();

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (_configured.TryGetValue(connection.Handle!, out _)) return connection;
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {AutoCheckpointPages};";
        pragma.ExecuteNonQuery();
        _configured.AddOrUpdate(connection.Handle!, this);
        return connection;
    }
}
