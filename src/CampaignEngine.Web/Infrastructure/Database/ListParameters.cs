using System.Data;
using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// A list passed to Dapper as <c>column IN @values</c>: on SQLite Dapper expands it to one parameter per value, but on
/// Npgsql it passes the list as one array parameter, which PostgreSQL reads as <c>= ANY(@values)</c> (and
/// <c>NOT IN</c> as <c>&lt;&gt; ALL</c>). Statements built from filters (the campaigns' audience, the ledger's launch) go
/// through <see cref="On"/> before they run, so the filter is written once for both engines (ADR 0012).
/// </summary>
internal static partial class ListParameters
{
    public static string On(IDbConnection connection, string sql) => connection is Npgsql.NpgsqlConnection ? ForPostgreSql(sql) : sql;

    public static string ForPostgreSql(string sql) =>
        InList().Replace(sql, m => m.Groups["not"].Success ? $"<> ALL({m.Groups["name"].Value})" : $"= ANY({m.Groups["name"].Value})");

    [GeneratedRegex(@"(?<not>NOT\s+)?\bIN\s+(?<name>@\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InList();
}
