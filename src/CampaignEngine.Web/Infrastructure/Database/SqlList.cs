using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// The one place that knows how a list of values reaches SQL on each engine (ADR 0012). Dapper expands
/// <c>IN @list</c> to one parameter per value on SQLite, but hands the list to Npgsql as one array, where
/// <c>IN $1</c> does not read and PostgreSQL wants <c>= ANY($1)</c>. Three ways in, one rule:
/// <list type="bullet">
/// <item><see cref="AnyOf"/>: a condition written for the engine at hand;</item>
/// <item><see cref="On"/>: a statement built from filters with <c>IN @list</c> (the campaigns' audience, the ledger's
/// launch), rewritten before it runs on PostgreSQL, so the filter is written once;</item>
/// <item><see cref="In"/>: a short list (module ids, kinds) written out as one parameter each, read alike by both.</item>
/// </list>
/// Long lists of ids go as one JSON array instead (<see cref="JsonIds"/>).
/// </summary>
internal static partial class SqlList
{
    /// <summary><paramref name="expression"/> is one of the values of the list parameter <paramref name="listParameter"/>.</summary>
    public static string AnyOf(bool postgreSql, string expression, string listParameter) =>
        postgreSql ? $"{expression} = ANY({listParameter})" : $"{expression} IN {listParameter}";

    /// <summary><paramref name="sql"/> with each <c>IN @list</c> (and <c>NOT IN @list</c>) as the connection's engine reads it.</summary>
    public static string On(IDbConnection connection, string sql) => connection is Npgsql.NpgsqlConnection ? ForPostgreSql(sql) : sql;

    public static string ForPostgreSql(string sql) =>
        InList().Replace(sql, m => m.Groups["not"].Success ? $"<> ALL({m.Groups["name"].Value})" : $"= ANY({m.Groups["name"].Value})");

    /// <summary>The list's SQL, its values added to <paramref name="parameters"/>; no values give <c>(NULL)</c>, which matches nothing.</summary>
    public static string In<T>(DynamicParameters parameters, string name, IEnumerable<T> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var each = string.Create(CultureInfo.InvariantCulture, $"{name}_{names.Count}");
            parameters.Add(each, value);
            names.Add("@" + each);
        }
        return names.Count == 0 ? "(NULL)" : "(" + string.Join(", ", names) + ")";
    }

    [GeneratedRegex(@"(?<not>NOT\s+)?\bIN\s+(?<name>@\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InList();
}
