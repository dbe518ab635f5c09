using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// Steps a query with SQLite's own functions and hands each row to a reader as numbers and UTF-8 spans: no value object,
/// no string and no UTF-16 copy per column. For the few reads that add up tens of thousands of rows (the desk's figures),
/// where Microsoft.Data.Sqlite's cost per column read was half of the whole (measured on a million threads, see
/// docs/benchmarks.md). Everything else reads through Dapper.
/// <para>
/// The reader is a struct type parameter, so that the loop is compiled for it, optimised at once, with the reader's
/// method and the column reads inlined: the read is asked for a few times a day, too seldom for the runtime's tiering to
/// optimise a delegate or SQLitePCLRaw's wrappers, which took half the time unoptimised.
/// </para>
/// <para>
/// Parameters are named as in Dapper (<c>@name</c>), and a list value expands as Dapper expands it, so that a scope
/// condition written for Dapper (<c>kind IN @kinds</c>) works here unchanged.
/// </para>
/// </summary>
internal static class SqliteRows
{
    public static void Read<TReader>(SqliteConnection connection, string sql, IReadOnlyDictionary<string, object?> values, TReader reader)
        where TReader : struct, ISqliteRowReader
    {
        var (expanded, flat) = Expand(sql, values);
        Check(connection, raw.sqlite3_prepare_v2(connection.Handle, expanded, out var statement));
        using (statement)
        {
            foreach (var (name, value) in flat) Bind(connection, statement, name, value);
            var added = false;
            statement.DangerousAddRef(ref added);
            try
            {
                var result = Step(statement.DangerousGetHandle(), reader);
                if (result != SqliteNative.Done) Check(connection, result);
            }
            finally
            {
                if (added) statement.DangerousRelease();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Step<TReader>(nint statement, TReader reader) where TReader : struct, ISqliteRowReader
    {
        int result;
        while ((result = SqliteNative.Step(statement)) == SqliteNative.Row) reader.Read(new SqliteRow(statement));
        return result;
    }

    /// <summary>The SQL with each list parameter written out as <c>(@name_0, @name_1, …)</c>, and every single value by name.</summary>
    private static (string Sql, List<(string Name, object? Value)> Values) Expand(string sql, IReadOnlyDictionary<string, object?> values)
    {
        var flat = new List<(string, object?)>();
        foreach (var (name, value) in values)
        {
            if (value is string || value is not IEnumerable list)
            {
                flat.Add(("@" + name, value));
                continue;
            }
            var items = list.Cast<object?>().Select((item, i) => (Name: $"@{name}_{i.ToString(CultureInfo.InvariantCulture)}", Value: item)).ToList();
            flat.AddRange(items);
            // An empty list matches nothing, as Dapper's expansion of it does.
            var written = items.Count == 0 ? "(NULL)" : $"({string.Join(", ", items.Select(i => i.Name))})";
            // No match timeout: the pattern is a literal name and a word boundary, linear in the statement's text.
            sql = Regex.Replace(sql, $@"@{Regex.Escape(name)}\b", written, RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout);
        }
        return (sql, flat);
    }

    private static void Bind(SqliteConnection connection, sqlite3_stmt statement, string name, object? value)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        // A value the query does not name (a scope's value another query uses) is left out, as Dapper leaves it.
        if (index == 0) return;
        Check(connection, value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            _ => throw new ArgumentException($"Parameter {name}: a {value.GetType().Name} is not bound by {nameof(SqliteRows)}.", nameof(value)),
        });
    }

    private static void Check(SqliteConnection connection, int result)
    {
        if (result is raw.SQLITE_OK) return;
        throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string() ?? $"SQLite error {result}", result);
    }
}

/// <summary>What <see cref="SqliteRows.Read"/> hands each row to.</summary>
internal interface ISqliteRowReader
{
    void Read(SqliteRow row);
}

/// <summary>The row a query is on: read it before the next step.</summary>
internal readonly ref struct SqliteRow(nint statement)
{
    private readonly nint _statement = statement;

    public long Int64(int column) => SqliteNative.ColumnInt64(_statement, column);

    /// <summary>A text column's UTF-8 bytes, valid until the next step.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => SqliteNative.ColumnUtf8(_statement, column);
}
