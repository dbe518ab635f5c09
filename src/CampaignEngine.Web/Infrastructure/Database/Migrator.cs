using System.Data.Common;
using System.Reflection;
using Dapper;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// Runs the embedded, numbered SQL scripts of the host's engine that the database has not seen yet, each in its own
/// transaction, at startup. A script that fails leaves the database at the previous version. SQLite's scripts are
/// Migrations/*.sql; PostgreSQL's are Migrations/PostgreSql/*.sql (a baseline, then numbered twins; ADR 0012).
/// </summary>
internal sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    private const string SqlitePrefix = "CampaignEngine.Web.Infrastructure.Database.Migrations.";
    private const string PostgreSqlPrefix = "CampaignEngine.Web.PostgreSqlMigrations.";

    /// <summary>Any fixed number: hosts starting together on one PostgreSQL database take this lock in turn.</summary>
    private const long MigrationLock = 0x43_45_4D_49_47; // "CEMIG"

    public void Run()
    {
        using var connection = db.Open();
        if (db.IsPostgreSql)
        {
            // Two hosts started together: the second waits here, then finds every script applied.
            connection.Execute("SELECT pg_advisory_lock(@key)", new { key = MigrationLock });
            try { Apply(connection); }
            finally { connection.Execute("SELECT pg_advisory_unlock(@key)", new { key = MigrationLock }); }
            return;
        }
        connection.Execute("PRAGMA journal_mode = WAL;");
        Apply(connection);
    }

    private void Apply(DbConnection connection)
    {
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migration (
                name TEXT PRIMARY KEY,
                applied_at TEXT NOT NULL)
            """);
        var applied = Applied(connection);
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var (resource, name) in Scripts())
        {
            if (applied.Contains(name)) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var sql = reader.ReadToEnd();
            using var transaction = connection.BeginTransaction();
            // A migration on a large directory or desk builds an index or rewrites rows: a bulk statement, not a request.
            // Under Npgsql's 30 s it would roll back and fail every start after an upgrade on a large database.
            connection.Execute(sql, transaction: transaction, commandTimeout: Db.BulkStatementSeconds);
            connection.Execute(
                "INSERT INTO schema_migration (name, applied_at) VALUES (@name, @at)",
                new { name, at = DateTimeOffset.UtcNow }, transaction);
            transaction.Commit();
            logger.LogInformation("Applied migration {Migration}", name);
        }
    }

    /// <summary>The scripts this build carries that the database has not applied (the readiness check's "migrations done").</summary>
    public IReadOnlyList<string> Pending()
    {
        using var connection = db.Open();
        var exists = connection.ExecuteScalar<long>(db.IsPostgreSql
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migration'"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'") > 0;
        var applied = exists ? Applied(connection) : [];
        return Scripts().Select(s => s.Name).Where(name => !applied.Contains(name)).ToList();
    }

    private static HashSet<string> Applied(System.Data.IDbConnection connection) =>
        connection.Query<string>("SELECT name FROM schema_migration").ToHashSet();

    private IEnumerable<(string Resource, string Name)> Scripts()
    {
        var prefix = db.IsPostgreSql ? PostgreSqlPrefix : SqlitePrefix;
        return Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Resource: n, Name: n[prefix.Length..]))
            .OrderBy(s => s.Name, StringComparer.Ordinal);
    }
}
