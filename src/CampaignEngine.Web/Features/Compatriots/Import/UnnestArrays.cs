using System.Data.Common;
using System.Globalization;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// What the PostgreSQL batches of an import (<see cref="NewPeople.InBatches"/>, <see cref="ChangedPeople.InBatches"/>)
/// share: every column goes as one text array, cast to the column's type as the catalogue states it, so that a column
/// whose values are all empty in a batch still has its type.
/// </summary>
internal static class UnnestArrays
{
    /// <summary>The directory's columns and their types as PostgreSQL writes them (<c>bigint</c>, <c>text</c>, …).</summary>
    public static Dictionary<string, string> DirectoryColumnTypes(DbConnection connection, DbTransaction transaction) =>
        connection.Query<(string Column, string Type)>("""
            SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
            WHERE attrelid = 'directory_compatriot'::regclass AND attnum > 0 AND NOT attisdropped
            """, transaction: transaction).ToDictionary(c => c.Column, c => c.Type, StringComparer.Ordinal);

    /// <summary>
    /// One text array per column, named <c>@c0</c>, <c>@c1</c>, … in the order of <paramref name="columns"/>, from each
    /// row's <paramref name="values"/> (in that order too).
    /// </summary>
    public static void AddColumns<TRow>(DynamicParameters parameters, IReadOnlyList<string> columns, IReadOnlyList<TRow> rows, Func<TRow, object?[]> values)
    {
        for (var i = 0; i < columns.Count; i++)
            parameters.Add($"c{i}", rows.Select(row => Text(values(row)[i])).ToArray());
    }

    /// <summary>The casts that name <see cref="AddColumns"/>' arrays in a statement: <c>@c0::text[], @c1::bigint[], …</c>.</summary>
    public static string Casts(IReadOnlyList<string> columns, IReadOnlyDictionary<string, string> types) =>
        string.Join(", ", columns.Select((column, i) => $"@c{i}::{types[column]}[]"));

    /// <summary>A value of the writer's columns as the text its array carries.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "1" : "0",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A {value.GetType().Name} is not written through an array.", nameof(value)),
    };
}
