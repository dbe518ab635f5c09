using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// The four SQLite functions a row loop calls per row, imported directly from the same native library that
/// Microsoft.Data.Sqlite and SQLitePCLRaw load (<c>e_sqlite3</c>, one file in the app's runtimes folder). Through
/// SQLitePCLRaw each call went through an interface and a wrapper that stay unoptimised in a read asked for a few times a
/// day; imported here, an optimised loop calls them with nothing in between. The column functions only read the current
/// row (no lock, no callback), so they skip the GC transition.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    public const int Row = 100;
    public const int Done = 101;

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    public static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    [SuppressGCTransition]
    private static partial byte* ColumnText(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static partial int ColumnBytes(nint statement, int column);

    /// <summary>A text column's UTF-8 bytes, valid until the statement steps again (text first, then its length, as SQLite asks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> ColumnUtf8(nint statement, int column)
    {
        var text = ColumnText(statement, column);
        return text is null ? default : new ReadOnlySpan<byte>(text, ColumnBytes(statement, column));
    }
}
