using System.Globalization;
using CampaignEngine.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>
/// Writes one group of queued pledges in one transaction on one engine (ADR 0012: the engines' two ways sit here side
/// by side). Both count link pledges against their daily bound first and raise <see cref="PledgeRecorded"/> per row.
/// </summary>
internal interface IGroupInsert : IDisposable
{
    /// <summary>The rows' ids (null: past the link's bound), and the module events to deliver now that they are committed.</summary>
    (List<long?> Ids, List<long> Deliveries) WriteAll(List<NewPledge> rows);
}

/// <summary>SQLite: one open connection with the insert (and the link's daily count) prepared on it, run once per row.</summary>
internal sealed class SqliteGroupInsert : IGroupInsert
{
    // Counts the pledge against its link's day, only while under the bound: no row comes back once the bound is reached.
    internal const string CountForLink = """
        INSERT INTO pledge_link_day (message_id, day, pledges) VALUES (@messageId, @day, 1)
        ON CONFLICT (message_id, day) DO UPDATE SET pledges = pledge_link_day.pledges + 1 WHERE pledge_link_day.pledges < @limit
        RETURNING pledges
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private readonly SqliteCommand _countForLink;
    private readonly Dictionary<string, SqliteParameter> _parameters = [];
    private readonly PledgeInserts _owner;

    public SqliteGroupInsert(Db db, PledgeInserts owner)
    {
        _owner = owner;
        _connection = db.OpenSqlite();
        _command = _connection.CreateCommand();
        _command.CommandText = PledgeInserts.Insert;
        // No declared types: each value binds as its own type, as Dapper binds it elsewhere (decimals as text).
        foreach (var name in PledgeInserts.Names) _parameters[name] = _command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        _command.Prepare();
        _countForLink = _connection.CreateCommand();
        _countForLink.CommandText = CountForLink;
        foreach (var name in new[] { "@messageId", "@day", "@limit" }) _countForLink.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        _countForLink.Prepare();
    }

    public (List<long?> Ids, List<long> Deliveries) WriteAll(List<NewPledge> rows)
    {
        using var transaction = _connection.BeginTransaction();
        _command.Transaction = transaction;
        _countForLink.Transaction = transaction;
        var ids = new List<long?>(rows.Count);
        var deliveries = new List<long>();
        foreach (var row in rows)
        {
            if (!WithinLinkBound(row))
            {
                ids.Add(null);
                continue;
            }
            foreach (var (name, value) in PledgeInserts.Values(row)) _parameters[name].Value = value ?? DBNull.Value;
            var id = (long)_command.ExecuteScalar()!;
            ids.Add(id);
            deliveries.AddRange(_owner.RaiseRecorded(_connection, transaction, id, row));
        }
        transaction.Commit();
        return (ids, deliveries);
    }

    private bool WithinLinkBound(NewPledge row)
    {
        if (row.PerLinkPerDay is not { } limit || row.MessageId is not { } messageId) return true;
        if (limit < 1) return false;
        _countForLink.Parameters["@messageId"].Value = messageId;
        _countForLink.Parameters["@day"].Value = LinkDay(row);
        _countForLink.Parameters["@limit"].Value = limit;
        return _countForLink.ExecuteScalar() is not null;
    }

    /// <summary>The pages this writer's connection has written to the log so far, by SQLite's own count.</summary>
    internal int PagesWritten()
    {
        SQLitePCL.raw.sqlite3_db_status(_connection.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_WRITE, out var written, out _, 0);
        return written;
    }

    internal static string LinkDay(NewPledge row) => row.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _countForLink.Dispose();
        _command.Dispose();
        _connection.Dispose();
    }
}

/// <summary>
/// PostgreSQL: a round trip costs more than a row, so a group goes in one: one statement over arrays (<c>unnest</c>)
/// that counts the link pledges against their daily bound (<c>pledge_links_admit</c>, migration 0060) and inserts the
/// rows it admits. With no module to tell in the same transaction, the statement runs on its own and its commit travels
/// with it; the three round trips it replaced (the link counts, the insert, the commit) paced the intake. The ids are
/// drawn from the table's identity sequence before the insert and handed back in the rows' order, so each caller hears
/// its own row's id. The statement is prepared on the writer's own connection, which it keeps for as long as pledges
/// come: parsed and planned once, not for every group (docs/benchmarks.md).
/// </summary>
internal sealed class PostgreSqlGroupInsert(Db db, PledgeInserts owner) : IGroupInsert
{
    private static readonly (string Column, NpgsqlDbType Type, Func<List<NewPledge>, object> Values)[] Columns =
    [
        Number("compatriot_id", r => r.CompatriotId), Number("campaign_id", r => r.CampaignId), Number("message_id", r => r.MessageId),
        Text("kind", r => r.Kind), Text("contribution_type", r => r.ContributionType), Decimal("amount", r => r.Amount),
        Text("currency", r => r.Currency), Decimal("amount_usd", r => r.AmountUsd), Decimal("amount_kgs", r => r.AmountKgs),
        Decimal("hours", r => r.Hours), Decimal("items", r => r.Items), Text("description", r => r.Description),
        Text("sector", r => r.Sector), Text("target_region", r => r.TargetRegion), Number("project_id", r => r.ProjectId),
        Text("recurring", r => r.Recurring), Text("status", r => r.Status), Text("recorded_by", r => r.RecordedBy),
        Number("recorded_by_user", r => r.UserId), Text("gender", r => r.Gender), Text("age_band", r => r.AgeBand),
        Text("home_region", r => r.HomeRegion), Text("country", r => r.Country),
        Number("public_name_consent", r => r.PublicNameConsent ? 1L : 0L), Text("created_at", r => r.At.ToDb()),
        Text("updated_at", r => r.At.ToDb()),
    ];

    // The link's day and bound, which the function counts by and the table has no column for.
    private static readonly (NpgsqlDbType Type, Func<List<NewPledge>, object> Values)[] LinkBounds =
    [
        (NpgsqlDbType.Text, rows => rows.Select(r => r.MessageId is null ? null : SqliteGroupInsert.LinkDay(r)).ToArray()),
        (NpgsqlDbType.Bigint, rows => rows.Select(r => r.MessageId is null ? null : (long?)r.PerLinkPerDay).ToArray()),
    ];

    private static (string, NpgsqlDbType, Func<List<NewPledge>, object>) Number(string column, Func<NewPledge, long?> value) =>
        (column, NpgsqlDbType.Bigint, rows => rows.Select(value).ToArray());

    private static (string, NpgsqlDbType, Func<List<NewPledge>, object>) Decimal(string column, Func<NewPledge, decimal?> value) =>
        (column, NpgsqlDbType.Numeric, rows => rows.Select(value).ToArray());

    private static (string, NpgsqlDbType, Func<List<NewPledge>, object>) Text(string column, Func<NewPledge, string?> value) =>
        (column, NpgsqlDbType.Text, rows => rows.Select(value).ToArray());

    private static readonly string ColumnList = string.Join(", ", Columns.Select(c => c.Column));

    private static readonly string MessageIdParameter = $"${Array.FindIndex(Columns, c => c.Column == "message_id") + 1}";

    // The function's CTE is volatile, so it is computed once, before any row is drawn an id; a CTE referenced twice is
    // computed once too, so each row keeps the id drawn for it; a data-modifying CTE always runs. The rows go in by
    // gender and person: each row adds to its gender's row of pledge_total and its person's row of pledge_donor and
    // holds those locks to the commit, so two hosts writing mixed groups at once must take those rows in one order, or
    // they deadlock. A row the function refuses gets no id (null).
    private static readonly string InsertAll = $"""
        WITH v AS (
            SELECT * FROM unnest({string.Join(", ", Columns.Select((_, i) => $"${i + 1}"))}) WITH ORDINALITY AS v({ColumnList}, ord)
        ), admitted AS (
            SELECT pledge_links_admit({MessageIdParameter}, ${Columns.Length + 1}, ${Columns.Length + 2}) AS ok
        ), r AS (
            SELECT nextval(pg_get_serial_sequence('pledge', 'id')) AS id, v.*
            FROM v CROSS JOIN admitted WHERE admitted.ok[v.ord::int]
        ), written AS (
            INSERT INTO pledge (id, {ColumnList}) SELECT id, {ColumnList} FROM r ORDER BY gender, compatriot_id, ord
        )
        SELECT r.id FROM v LEFT JOIN r ON r.ord = v.ord ORDER BY v.ord
        """;

    private readonly NpgsqlConnection _connection = (NpgsqlConnection)db.Open();

    public (List<long?> Ids, List<long> Deliveries) WriteAll(List<NewPledge> rows)
    {
        // A module told of each pledge gets its delivery written in the pledges' transaction; without one, the
        // statement is a transaction of its own.
        using var transaction = owner.TellsModules ? _connection.BeginTransaction() : null;
        var ids = InsertRows(rows, transaction);
        var deliveries = new List<long>();
        if (transaction is null) return (ids, deliveries);
        for (var i = 0; i < rows.Count; i++)
            if (ids[i] is { } id) deliveries.AddRange(owner.RaiseRecorded(_connection, transaction, id, rows[i]));
        transaction.Commit();
        return (ids, deliveries);
    }

    private List<long?> InsertRows(List<NewPledge> rows, NpgsqlTransaction? transaction)
    {
        using var command = new NpgsqlCommand(InsertAll, _connection, transaction);
        foreach (var (_, type, values) in Columns)
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values(rows) });
        foreach (var (type, values) in LinkBounds)
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values(rows) });
        command.Prepare();
        using var reader = command.ExecuteReader();
        var ids = new List<long?>(rows.Count);
        while (reader.Read()) ids.Add(reader.IsDBNull(0) ? null : reader.GetInt64(0));
        return ids;
    }

    /// <summary>The statements the server keeps prepared on this writer's connection, for the test that keeps them so.</summary>
    internal IReadOnlyList<string> PreparedOnServer() =>
        [.. Dapper.SqlMapper.Query<string>(_connection, "SELECT statement FROM pg_prepared_statements")];

    public void Dispose() => _connection.Dispose();
}
