using Dapper;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>Where an erased person's traces could still be: every text value of every table of the test database.</summary>
public static class DatabaseTraces
{
    /// <summary>Every "table.column" whose value still holds one of <paramref name="traces"/>.</summary>
    public static List<string> Find(TestHost host, IReadOnlyCollection<string> traces)
    {
        using var connection = host.OpenDatabase();
        var found = new List<string>();
        foreach (var table in connection.Query<string>(TablesOf(host)))
            foreach (var row in connection.Query($"SELECT * FROM \"{table}\""))
                foreach (var (column, value) in (IDictionary<string, object?>)row)
                    if (value is string text && traces.Any(t => text.Contains(t, StringComparison.Ordinal)))
                        found.Add($"{table}.{column}");
        return found.Distinct().ToList();
    }

    /// <summary>The product's tables (on PostgreSQL the schema public; Hangfire's own schema holds job ids, as its separate file does on SQLite).</summary>
    private static string TablesOf(TestHost host) => host.Engine == TestHost.PostgreSql
        ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
}
