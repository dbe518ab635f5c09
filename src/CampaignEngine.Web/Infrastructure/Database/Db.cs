using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// Opens connections to the product's database: the SQLite file, or PostgreSQL (ADR 0012). Each caller opens, uses and
/// disposes its own. <see cref="Open"/> serves SQL both engines read alike; <see cref="OpenSqlite"/> is for code that
/// calls SQLite's own API (prepared native statements, the backup API) and has no PostgreSQL version yet.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The writer gate lives as long as the host; a SemaphoreSlim holds no handle unless AvailableWaitHandle is read, and disposing it at shutdown would fail writes still finishing.")]
internal sealed class Db : IDisposable
{
    private readonly string _connectionString = "";
    private readonly string? _filePath;
    private readonly NpgsqlDataSource? _postgres;

    public Db(IOptions<DatabaseOptions> options)
    {
        Engine = options.Value.Engine();
        if (Engine == DatabaseEngine.PostgreSql)
        {
            // One pooled data source per host; Npgsql's pool does what SQLite's writer gate does not need to here.
            _postgres = NpgsqlDataSource.Create(options.Value.ConnectionString!);
            return;
        }
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        var folder = System.IO.Path.GetDirectoryName(path)!;
        // A folder made here is the product's own (data/ by default): owner-only. One that was there is the operator's.
        if (!Directory.Exists(folder)) Files.OwnerOnly.Folder(folder);
        // The database and its log files (SQLite gives them the database's mode) are owner-only, also when older.
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) Files.OwnerOnly.TightenFile(file);
        CreateOwnerOnly(path);
        _filePath = path;
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

    public DatabaseEngine Engine { get; }

    /// <summary>Closes PostgreSQL's pool with the host (tests start hundreds of hosts, each on its own database).</summary>
    public void Dispose() => _postgres?.Dispose();

    public bool IsPostgreSql => Engine == DatabaseEngine.PostgreSql;

    /// <summary>"<paramref name="expression"/> is one of the list parameter", as this engine reads it (<see cref="SqlList"/>).</summary>
    public string AnyOf(string expression, string listParameter) => SqlList.AnyOf(IsPostgreSql, expression, listParameter);

    /// <summary>The SQLite file; there is none on PostgreSQL.</summary>
    public string FilePath => _filePath ?? throw NotOnPostgreSql("the database file");

    /// <summary>What code written against SQLite's own API says when the host runs on PostgreSQL (docs/postgresql.md lists it).</summary>
    public static NotSupportedException NotOnPostgreSql(string what) =>
        new($"{what} uses SQLite's own API and is not yet ported to PostgreSQL (docs/postgresql.md).");

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
    /// The seconds one statement over a whole bulk operation may run: a launch's ledger rows for a country, or an
    /// import's seven million search terms and the indexes built again over them, take minutes on PostgreSQL, where
    /// Npgsql cancels a statement after 30 s by default; a launch of 300,000 and the import of a million failed so
    /// (docs/benchmarks.md). A slow bulk write that finishes beats a fast one that writes nothing. Interactive
    /// statements keep the default, so that a request fails rather than hangs. On SQLite the value is how long a
    /// statement waits for the write lock.
    /// </summary>
    public const int BulkStatementSeconds = 600;

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
        // PostgreSQL takes concurrent writers itself (row locks); the gate is SQLite's only.
        if (IsPostgreSql) return NoTurn.Instance;
        await _writer.WaitAsync(cancellationToken);
        return new WriterTurn(_writer);
    }

    private sealed class NoTurn : IDisposable
    {
        public static readonly NoTurn Instance = new();

        public void Dispose() { }
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

    /// <summary>A connection to the product's database, whichever the engine; SQL passed to it must read alike on both.</summary>
    public DbConnection Open() => _postgres is null ? OpenSqlite() : _postgres.OpenConnection();

    /// <summary>A SQLite connection, for SQLite's own API; on PostgreSQL it says the caller is not ported yet.</summary>
    public SqliteConnection OpenSqlite()
    {
        if (_postgres is not null) throw NotOnPostgreSql("This feature");
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
