using CampaignEngine.Web.Infrastructure.Jobs;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// <c>backup &lt;file&gt; [--database path]</c> and <c>restore &lt;file&gt; [--database path] [--force]</c>: SQLite's online
/// backup API copies the database page by page while the host runs on (a reader in WAL mode: sends and pledges go on
/// meanwhile), into a file that is a consistent database of one moment. Restore copies such a file back the same way,
/// into a database no host is running on. The key ring goes along (<c>&lt;file&gt;.keys/</c>): without it the restored
/// host could open neither the sealed certificate signing keys nor anyone's sign-in. The database is <c>--database</c>,
/// else <c>Database__Path</c> or <c>appsettings.json</c>'s <c>Database:Path</c> in the current folder, as the host
/// reads it (the key ring likewise: DataProtection:KeysPath, else keys/ beside the database). Exit 0 done, 1 refused or
/// failed, 64 usage. On PostgreSQL (<c>Database:Provider</c> = postgresql, from the same settings, or given as
/// <c>key=value</c> arguments as the host takes them) both go to <see cref="PostgreSqlBackup"/>: <c>pg_dump</c> and
/// <c>pg_restore</c>. The engine-specific part of backups is these two files.
/// </summary>
internal static class BackupCommand
{
    public static Task<int> BackupAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args, error) is not { } call) return Task.FromResult(64);
        if (call.PostgreSql is { } postgres) return PostgreSqlBackup.BackupAsync(call.File, postgres, output, error);
        if (!File.Exists(call.Database)) return Refuse(error, $"No database at {call.Database} (use --database <file>).");
        if (File.Exists(call.File)) return Refuse(error, $"{call.File} exists already: a backup never overwrites a file.");
        using (var source = Open(call.Database, SqliteOpenMode.ReadOnly))
        using (var target = Create(call.File))
            source.BackupDatabase(target);
        var keys = CopyKeys(call.Keys, KeysBeside(call.File));
        return Report(output, $"Backed up {call.Database} to {call.File} and {keys} keys of the key ring to {KeysBeside(call.File)}", call.File);
    }

    public static Task<int> RestoreAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args, error) is not { } call) return Task.FromResult(64);
        if (call.PostgreSql is { } postgres) return PostgreSqlBackup.RestoreAsync(call.File, postgres, call.Force, output, error);
        if (!File.Exists(call.File)) return Refuse(error, $"No backup at {call.File}.");
        using (var backup = Open(call.File, SqliteOpenMode.ReadOnly))
        {
            if (Problem(backup) is { } problem) return Refuse(error, $"{call.File} is not a backup of this product: {problem}.");
            if (File.Exists(call.Database) && !call.Force && HasTables(call.Database))
                return Refuse(error, $"{call.Database} holds a database. Stop the host, then restore with --force to replace it.");
            using var target = Create(call.Database);
            backup.BackupDatabase(target);
        }
        // Jobs of the replaced database would act on rows of another moment: the host queues again at start what the restored ledger says is unfinished.
        var jobs = new JobsOptions().FilePath(call.Database);
        foreach (var file in new[] { jobs, jobs + "-wal", jobs + "-shm" }) File.Delete(file);
        var keys = Directory.Exists(KeysBeside(call.File)) ? CopyKeys(KeysBeside(call.File), call.Keys) : 0;
        return Report(output, $"Restored {call.File} into {call.Database} and {keys} keys into {call.Keys}", call.Database);
    }

    /// <summary>What to do; <paramref name="PostgreSql"/> is the connection string when the settings name PostgreSQL.</summary>
    private sealed record Call(string File, string Database, string Keys, bool Force, string? PostgreSql);

    private static string KeysBeside(string backup) => backup + ".keys";

    /// <summary>
    /// Copies the key ring's files that the target lacks (a key is a file of its own id, never changed once written),
    /// so a restore adds the backup's keys to a ring that already has others. Owner-only, like the ring itself.
    /// </summary>
    private static int CopyKeys(string from, string to)
    {
        if (!Directory.Exists(from)) return 0;
        if (!Directory.Exists(to)) Files.OwnerOnly.Folder(to);
        var copied = 0;
        foreach (var key in Directory.EnumerateFiles(from, "*.xml"))
        {
            var target = Path.Combine(to, Path.GetFileName(key));
            if (File.Exists(target)) continue;
            using (var source = File.OpenRead(key))
            using (var copy = new FileStream(target, Files.OwnerOnly.NewFile(FileMode.CreateNew)))
                source.CopyTo(copy);
            copied++;
        }
        return copied;
    }

    private static Call? Parse(string[] args, TextWriter error)
    {
        string? file = null, database = null;
        var force = false;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--database" && i + 1 < args.Length) database = args[++i];
            else if (args[i] == "--force") force = true;
            // A setting as the host takes it (Database:Provider=postgresql); a password is better left in the environment.
            else if (!args[i].StartsWith("--", StringComparison.Ordinal) && args[i].IndexOf('=', StringComparison.Ordinal) is > 0 and var at)
                settings[args[i][..at]] = args[i][(at + 1)..];
            else if (file is null && !args[i].StartsWith("--", StringComparison.Ordinal)) file = args[i];
            else
            {
                error.WriteLine($"Unknown argument '{args[i]}'. Usage: {Usage}");
                return null;
            }
        }
        if (file is null)
        {
            error.WriteLine($"Name the backup file: {Usage}");
            return null;
        }
        var configuration = Configuration(database, settings);
        var options = new DatabaseOptions();
        DatabaseOptions.Bind(options, configuration);
        try
        {
            var postgres = options.Engine() == DatabaseEngine.PostgreSql ? options.ConnectionString : null;
            return new Call(Path.GetFullPath(file), Path.GetFullPath(options.Path), DataProtection.KeyRing.Folder(configuration), force, postgres);
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine(ex.Message);
            return null;
        }
    }

    private const string Usage = "backup <file> [--database path] [key=value …] | restore <file> [--database path] [--force] [key=value …]";

    /// <summary>The settings the host would read from this folder: its settings file, its environment, then the arguments' settings and --database.</summary>
    internal static IConfiguration Configuration(string? database, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Database:Path", new DatabaseOptions().Path)])
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        foreach (var (key, value) in settings) configuration[key] = value;
        if (database is not null) configuration["Database:Path"] = database;
        return configuration;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>A new file, owner-only like the database (a backup holds everything the database does).</summary>
    private static SqliteConnection Create(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder)) Files.OwnerOnly.Folder(folder);
        if (!File.Exists(path))
            using (new FileStream(path, Files.OwnerOnly.NewFile(FileMode.CreateNew))) { }
        return Open(path, SqliteOpenMode.ReadWrite);
    }

    private static bool HasTables(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'") > 0;
    }

    /// <summary>Why the file is no database of this product (null when it is one): not SQLite, damaged, or without migrations.</summary>
    private static string? Problem(SqliteConnection connection)
    {
        try
        {
            var check = connection.ExecuteScalar<string>("PRAGMA quick_check");
            if (check != "ok") return $"damaged ({check})";
            return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'") == 0
                ? "it has no schema_migration table" : null;
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }

    private static Task<int> Refuse(TextWriter error, string reason)
    {
        error.WriteLine(reason);
        return Task.FromResult(1);
    }

    /// <summary>Says what was copied: the tables and rows of the copy, so that an operator sees at once that it is not empty.</summary>
    private static Task<int> Report(TextWriter output, string done, string copy)
    {
        using var connection = Open(copy, SqliteOpenMode.ReadOnly);
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToList();
        var rows = tables.Sum(t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{t}\""));
        var migration = connection.ExecuteScalar<string?>("SELECT MAX(name) FROM schema_migration");
        output.WriteLine($"{done}: {tables.Count} tables, {rows} rows, last migration {migration}.");
        return Task.FromResult(0);
    }
}
