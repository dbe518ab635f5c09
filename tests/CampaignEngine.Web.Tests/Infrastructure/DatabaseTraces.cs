using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>Where an erased person's traces could still be: every text value of every table of the test database.</summary>
public static class DatabaseTraces
{
    /// <summary>Every "table.column" whose value still holds one of <paramref name="traces"/>.</summary>
    public static List<string> Find(TestHost host, IReadOnlyCollection<string> traces)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        connection.Open();
        var found = new List<string>();
        foreach (var table in connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            foreach (var row in connection.Query($"SELECT * FROM \"{table}\""))
                foreach (var (column, value) in (IDictionary<string, object?>)row)
                    if (value is string text && traces.Any(t => text.Contains(t, StringComparison.Ordinal)))
                        found.Add($"{table}.{column}");
        return found.Distinct().ToList();
    }
}
