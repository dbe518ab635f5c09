using System.Data.Common;
using System.Globalization;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Reports;

/// <summary>
/// Where the pledge report's SQL differs between the engines (ADR 0012), chosen once at start: the detail query's
/// grouping, order and value types, and how the kept columns (<see cref="PledgeColumns"/>) find what changed since they
/// last looked. The columns give SQLite's answer (its types, NULL first, text in byte order); PostgreSQL's detail query
/// is written to give the same, so both engines report alike and the columns stay exact on either.
/// </summary>
internal interface IReportEngine
{
    /// <summary>The SQL expression a dimension groups by.</summary>
    string Dimension(string name);

    /// <summary>ORDER BY for the first <paramref name="count"/> selected columns.</summary>
    string OrderBy(int count);

    /// <summary>How the detail query reads the table when it walks it straight through.</summary>
    string WalkHint { get; }

    /// <summary>created_at compared with a time parameter, as SQLite compares text.</summary>
    string CreatedAt { get; }

    /// <summary>A detail row's values in SQLite's types (money as the double ROUND(…, 2) gives, whole hours as integers).</summary>
    IDictionary<string, object?> Normalized(IDictionary<string, object?> row);

    /// <summary>A read transaction whose every statement sees the database at one moment.</summary>
    DbTransaction BeginSnapshot(DbConnection connection);

    /// <summary>Where the change log stands in the transaction's view; equal positions mean nothing changed between them.</summary>
    string Position(DbConnection connection, DbTransaction transaction);

    /// <summary>Whether every change after <paramref name="seen"/> is still in the log (false: read every pledge again).</summary>
    bool Holds(DbConnection connection, DbTransaction transaction, string seen, string now);

    /// <summary>SELECT of each pledge id changed after the position @seen, each once.</summary>
    string ChangedSince { get; }

    /// <summary>SELECT of every pledge's columns (<see cref="PledgeColumns.Columns"/>).</summary>
    string LoadAll { get; }
}

internal static class ReportEngines
{
    public static IReportEngine For(Db db) => db.IsPostgreSql ? new PostgreSqlReportEngine() : new SqliteReportEngine();
}

/// <summary>SQLite: one writer at a time, so the log's sequence numbers are in commit order and "after my last" is exact.</summary>
internal sealed class SqliteReportEngine : IReportEngine
{
    public string Dimension(string name) => PledgeReport.Dimensions[name];

    public string OrderBy(int count) => "ORDER BY " + string.Join(", ", Enumerable.Range(1, count));

    public string WalkHint => " NOT INDEXED";

    public string CreatedAt => "p.created_at";

    public IDictionary<string, object?> Normalized(IDictionary<string, object?> row) => row;

    public DbTransaction BeginSnapshot(DbConnection connection) => ReadSnapshot.Begin(connection);

    public string Position(DbConnection connection, DbTransaction transaction) =>
        (connection.ExecuteScalar<long?>("SELECT seq FROM sqlite_sequence WHERE name = 'pledge_report_change'", transaction: transaction) ?? 0)
        .ToString(CultureInfo.InvariantCulture);

    public bool Holds(DbConnection connection, DbTransaction transaction, string seen, string now)
    {
        var (last, after) = (long.Parse(now, CultureInfo.InvariantCulture), long.Parse(seen, CultureInfo.InvariantCulture));
        var first = connection.ExecuteScalar<long?>("SELECT MIN(seq) FROM pledge_report_change", transaction: transaction);
        // Behind what the log still holds, or ahead of it (another database): read every pledge again.
        return last >= after && first is not null && first <= after + 1;
    }

    public string ChangedSince => "SELECT DISTINCT pledge_id FROM pledge_report_change WHERE seq > CAST(@seen AS INTEGER)";

    public string LoadAll => $"SELECT {PledgeColumns.Columns} FROM pledge p NOT INDEXED";
}

/// <summary>
/// PostgreSQL: writers run side by side, so a sequence number drawn early can commit after a later one, and "after my
/// last number" would miss it. The log's rows carry their writer's transaction id instead (migration 0052), and a host's
/// position is the snapshot it last read under: the changes it has not applied are exactly those whose transaction the
/// new snapshot sees and the old one did not. Nothing serialises the writers. A deleted log row (the trim, or by hand)
/// leaves its newest transaction id in pledge_report_trim, so a host whose snapshot may not have seen it reads again.
/// </summary>
internal sealed class PostgreSqlReportEngine : IReportEngine
{
    private static readonly HashSet<string> Numbers = ["campaignId", "project"];
    private static readonly string[] Money = ["amountUsd", "amountKgs", "fulfilledUsd"];

    // Byte order ("C") like SQLite's text order, whatever the database's collation.
    public string Dimension(string name) => Numbers.Contains(name) ? PledgeReport.Dimensions[name] : $"{PledgeReport.Dimensions[name]} COLLATE \"C\"";

    public string OrderBy(int count) => "ORDER BY " + string.Join(", ", Enumerable.Range(1, count).Select(i => $"{i} NULLS FIRST"));

    public string WalkHint => "";

    public string CreatedAt => "p.created_at COLLATE \"C\"";

    public IDictionary<string, object?> Normalized(IDictionary<string, object?> row)
    {
        foreach (var name in Money)
            if (row.TryGetValue(name, out var value) && value is decimal money)
                row[name] = double.Parse(money.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (row.TryGetValue("hours", out var hours) && hours is decimal h)
            row["hours"] = h == decimal.Truncate(h) && Math.Abs(h) < long.MaxValue ? (object)(long)h : (double)h;
        return row;
    }

    public DbTransaction BeginSnapshot(DbConnection connection) => ReadSnapshot.Begin(connection);

    public string Position(DbConnection connection, DbTransaction transaction) => ReadSnapshot.PostgreSqlSnapshot(connection, transaction);

    public bool Holds(DbConnection connection, DbTransaction transaction, string seen, string now) =>
        connection.ExecuteScalar<bool>("""
            SELECT pg_snapshot_xmin(@now::pg_snapshot) >= pg_snapshot_xmin(@seen::pg_snapshot)
               AND NOT EXISTS (SELECT 1 FROM pledge_report_trim WHERE xid >= pg_snapshot_xmin(@seen::pg_snapshot))
            """, new { seen, now }, transaction);

    // Transactions older than the old snapshot's xmin had all ended by then, so the index on xid skips them.
    public string ChangedSince => """
        SELECT DISTINCT pledge_id FROM pledge_report_change
        WHERE xid >= pg_snapshot_xmin(@seen::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, @seen::pg_snapshot)
        """;

    public string LoadAll => $"SELECT {PledgeColumns.Columns} FROM pledge p";
}
