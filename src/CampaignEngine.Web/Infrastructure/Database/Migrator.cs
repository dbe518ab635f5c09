using System.Reflection;
using Dapper;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// Runs the embedded, numbered SQL scripts that the database has not seen yet, each in its own
/// transaction, at startup. A script that fails leaves the database at the previous version.
/// </summary>
internal sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    private const string Prefix = "CampaignEngine.Web.Infrastructure.Database.Migrations.";

    public void Run()
    {
        using var connection = db.Open();
        connection.Execute("PRAGMA journal_mode = WAL;");
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migration (
                name TEXT PRIMARY KEY,
                applied_at TEXT NOT NULL)
            """);
        var applied = Applied(connection);
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = Scripts();

        foreach (var (resource, name) in scripts)
        {
            if (applied.Contains(name)) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var sql = reader.ReadToEnd();
            using var transaction = connection.BeginTransaction();
            connection.Execute(sql, transaction: transaction);
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
        var exists = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'") > 0;
        var applied = exists ? Applied(connection) : [];
        return Scripts().Select(s => s.Name).Where(name => !applied.Contains(name)).ToList();
    }

    private static HashSet<string> Applied(System.Data.IDbConnection connection) =>
        connection.Query<string>("SELECT name FROM schema_migration").ToHashSet();

    private static IEnumerable<(string Resource, string Name)> Scripts() =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Resource: n, Name: n[Prefix.Length..]))
            .OrderBy(s => s.Name, StringComparer.Ordinal);
}
