using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Database;

/// <summary>
/// Both engines' schemas after every migration (ADR 0012): the same tables, columns and named indexes, read from each
/// engine's own catalog. A migration added on one engine only fails here until its twin exists.
/// </summary>
public sealed class SchemaParityTests
{
    /// <summary>What one engine has on purpose and the other not, each with its reason.</summary>
    private static readonly Dictionary<string, string> Deliberate = new(StringComparer.Ordinal)
    {
        ["table data_protection_key"] = "PostgreSQL keeps the shared key ring in the database; SQLite in a folder beside its file.",
        ["column data_protection_key.id"] = "the key ring table's",
        ["column data_protection_key.friendly_name"] = "the key ring table's",
        ["column data_protection_key.xml"] = "the key ring table's",
        ["column data_protection_key.created_at"] = "the key ring table's",
        ["column pledge_report_change.xid"] = "PostgreSQL's writers commit out of sequence order; the report's columns catch up by snapshot (0052).",
        ["index ix_pledge_report_change_xid"] = "the snapshot catch-up's (0052)",
        ["table pledge_report_trim"] = "the snapshot catch-up's record of deleted log rows (0052)",
        ["column pledge_report_trim.one"] = "the snapshot catch-up's (0052)",
        ["column pledge_report_trim.xid"] = "the snapshot catch-up's (0052)",
        ["trigger tr_pledge_report_change_deleted"] = "the snapshot catch-up's (0052)",
        ["table directory_list_version"] = "SQLite's one writer counts the list's changes on one row; PostgreSQL's writers log theirs by transaction (0061).",
        ["column directory_list_version.one"] = "the list columns' change counter (0061)",
        ["column directory_list_version.version"] = "the list columns' change counter (0061)",
        ["trigger tr_directory_list_insert"] = "the list columns' change counter (0061)",
        ["trigger tr_directory_list_delete"] = "the list columns' change counter (0061)",
        ["trigger tr_directory_list_update"] = "the list columns' change counter (0061)",
        ["table directory_list_change"] = "PostgreSQL's writers run side by side: the list's changes are logged by transaction, not counted on one row (0061).",
        ["column directory_list_change.seq"] = "the list columns' change log (0061)",
        ["column directory_list_change.xid"] = "the list columns' change log (0061)",
        ["index ix_directory_list_change_xid"] = "the list columns' change log (0061)",
        ["table directory_list_trim"] = "the list columns' record of deleted log rows (0061)",
        ["column directory_list_trim.one"] = "the list columns' change log (0061)",
        ["column directory_list_trim.xid"] = "the list columns' change log (0061)",
        ["trigger tr_directory_list_change"] = "the list columns' change log (0061)",
        ["trigger tr_directory_list_change_trim"] = "the list columns' change log (0061)",
        ["trigger tr_directory_list_change_deleted"] = "the list columns' change log (0061)",
        ["index ix_thread_overdue"] = "PostgreSQL's planner needs statistics on overdue as one expression; SQLite reads the overdue page off its due-time index (0056).",
    };

    [SkippableFact]
    public void Both_engines_have_the_same_tables_columns_and_indexes()
    {
        using var sqlite = new TestHost();
        using var postgres = new TestHost(TestHost.PostgreSql);
        _ = sqlite.Server;
        _ = postgres.Server;

        var onSqlite = SqliteSchema(sqlite);
        var onPostgres = PostgresSchema(postgres);
        var onlySqlite = onSqlite.Except(onPostgres).Where(e => !Deliberate.ContainsKey(e)).Order().ToList();
        var onlyPostgres = onPostgres.Except(onSqlite).Where(e => !Deliberate.ContainsKey(e)).Order().ToList();

        Assert.True(onlySqlite.Count == 0 && onlyPostgres.Count == 0,
            $"Only on SQLite: {string.Join(", ", onlySqlite)}\nOnly on PostgreSQL: {string.Join(", ", onlyPostgres)}");
        Assert.Contains("table directory_compatriot", onPostgres);
    }

    private static HashSet<string> SqliteSchema(TestHost host)
    {
        using var connection = host.OpenDatabase();
        var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToList();
        var entries = tables.Select(t => "table " + t).ToHashSet(StringComparer.Ordinal);
        foreach (var table in tables)
            entries.UnionWith(connection.Query<string>("SELECT name FROM pragma_table_info(@table)", new { table }).Select(c => $"column {table}.{c}"));
        entries.UnionWith(connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").Select(i => "index " + i));
        entries.UnionWith(connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'view'").Select(v => "view " + v));
        entries.UnionWith(connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'trigger'").Select(t => "trigger " + t));
        return entries;
    }

    private static HashSet<string> PostgresSchema(TestHost host)
    {
        using var connection = host.OpenDatabase();
        var entries = connection.Query<string>(
            "SELECT 'table ' || table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").ToHashSet(StringComparer.Ordinal);
        entries.UnionWith(connection.Query<string>(
            "SELECT 'column ' || c.table_name || '.' || c.column_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"));
        // Named indexes only: the ones behind a key or UNIQUE constraint are SQLite's automatic ones (not in sqlite_master's sql).
        entries.UnionWith(connection.Query<string>(
            "SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT IN (SELECT conname FROM pg_constraint)"));
        entries.UnionWith(connection.Query<string>("SELECT 'view ' || table_name FROM information_schema.views WHERE table_schema = 'public'"));
        entries.UnionWith(connection.Query<string>("SELECT DISTINCT 'trigger ' || trigger_name FROM information_schema.triggers WHERE trigger_schema = 'public'"));
        return entries;
    }
}
