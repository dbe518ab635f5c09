using System.Data.Common;
using CampaignEngine.Core.Reference;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// The audience cells of a large import counted once, before its commit, rather than statement by statement; each engine
/// its own way (<see cref="CompatriotsSql.CountCellsOnce"/>). Counted per statement, a million people rewrote the cells
/// hundreds of times over: slow on SQLite, and on PostgreSQL a table of row versions every later read of the cells went
/// through.
/// </summary>
internal abstract class BulkAudienceCells
{
    /// <summary>The columns that make a cell, as directory_audience_cell's unique key.</summary>
    protected const string Key = "home_region, country, gender, mask, language, willing";

    /// <summary>A new person the import writes, with the channels they consent to (in <see cref="Vocabulary.Channels"/>' order).</summary>
    public abstract void Added(CompatriotInput person, bool[] consent);

    /// <summary>Adds what the import changed to the cells, inside its transaction.</summary>
    public abstract void Restore();
}

/// <summary>
/// PostgreSQL's: the triggers stay (other hosts write meanwhile, ADR 0012), and this transaction's statements hand them
/// their changes per cell into a temporary table instead of the cells (migration 0062), which <see cref="Restore"/> adds
/// to the cells in one upsert. The setting and the table end with the transaction, so a failed import leaves neither.
/// </summary>
internal sealed class PostgreSqlBulkAudienceCells(DbConnection connection, DbTransaction transaction) : BulkAudienceCells
{
    public static PostgreSqlBulkAudienceCells Defer(DbConnection connection, DbTransaction transaction)
    {
        connection.Execute($"""
            CREATE TEMP TABLE audience_cell_delta ON COMMIT DROP AS SELECT {Key}, people FROM directory_audience_cell WITH NO DATA;
            SELECT set_config('campaignengine.audience_cells_deferred', 'on', true);
            """, transaction: transaction);
        return new PostgreSqlBulkAudienceCells(connection, transaction);
    }

    // The triggers collect every statement's changes, new people's and changed people's alike.
    public override void Added(CompatriotInput person, bool[] consent)
    {
    }

    public override void Restore() =>
        connection.Execute($"""
            SELECT set_config('campaignengine.audience_cells_deferred', 'off', true);
            INSERT INTO directory_audience_cell AS k ({Key}, people)
            SELECT {Key}, SUM(people) FROM pg_temp.audience_cell_delta GROUP BY {Key} HAVING SUM(people) <> 0
            ON CONFLICT ({Key}) DO UPDATE SET people = k.people + excluded.people;
            DROP TABLE pg_temp.audience_cell_delta;
            """, transaction: transaction, commandTimeout: Infrastructure.Database.Db.BulkStatementSeconds);
}

/// <summary>
/// The audience cells (migration 0048) kept for a large first load by counting the new people as the writer hands them
/// over (<see cref="Added"/>) instead of the insert trigger's two index probes and write per person. The trigger is
/// dropped inside the import's transaction and made again from its own stored definition before the commit, so no other
/// writer ever sees the directory without it (SQLite has one writer: nobody else inserts while the import holds the
/// transaction), and a failure rolls both back. The writer never updates a row it inserted in the same call (a file's
/// external ids are unique), so each new person is counted once, with the values written.
/// <para>
/// The directory list's insert trigger (migration 0061) goes with it, and the list's counter is raised once at the end
/// instead of once per person: any trigger makes SQLite keep a statement journal for every insert, which doubled the
/// insert's own time (docs/benchmarks.md, session 22).
/// </para>
/// </summary>
internal sealed class SqliteBulkAudienceCells : BulkAudienceCells
{
    public const string InsertTrigger = "tr_audience_cell_insert";

    public const string ListInsertTrigger = "tr_directory_list_insert";

    /// <summary>
    /// A person's cell mask: a bit per channel (<see cref="Vocabulary.Channels"/>' order) they consent to and have an address
    /// for, as migration 0048's triggers compute it over the directory's columns (AudienceCellsTests compares the cells
    /// with the people after bulk loads). Counted here as the people are written: a grouped count over a million written
    /// people read the whole directory again, 4 s of the import (docs/benchmarks.md, session 24).
    /// </summary>
    private static long Mask(CompatriotInput person, bool[] consent)
    {
        long mask = 0;
        for (var bit = 0; bit < Vocabulary.Channels.Count; bit++)
            if (consent[bit] && !string.IsNullOrEmpty(Address(person, Vocabulary.Channels[bit]))) mask |= 1L << bit;
        return mask;
    }

    private static string? Address(CompatriotInput person, string channel) => Vocabulary.AddressField(channel) switch
    {
        "phone" => person.Phone,
        "telegram" => person.Telegram,
        "email" => person.Email,
        _ => null,
    };

    private static readonly string SameCell = string.Join(" AND ", Key.Split(", ").Select(c => $"k.{c} IS NOT DISTINCT FROM b.{c}"));

    private readonly Dictionary<(string? HomeRegion, string Country, string Gender, long Mask, string Language, string? Willing), long> _added = [];
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _trigger;
    private readonly string? _listTrigger;

    private SqliteBulkAudienceCells(DbConnection connection, DbTransaction transaction, string trigger, string? listTrigger)
    {
        _connection = connection;
        _transaction = transaction;
        _trigger = trigger;
        _listTrigger = listTrigger;
    }

    public override void Added(CompatriotInput person, bool[] consent)
    {
        var cell = (person.HomeRegion, person.Country, person.Gender, Mask(person, consent), person.Language, person.Willing);
        _added[cell] = _added.GetValueOrDefault(cell) + 1;
    }

    /// <summary>Drops SQLite's insert triggers (the cells' and the list's) until <see cref="Restore"/>; null where the cells' is missing.</summary>
    public static SqliteBulkAudienceCells? Suspend(DbConnection connection, DbTransaction transaction)
    {
        var trigger = Definition(connection, transaction, InsertTrigger);
        if (trigger is null) return null;
        var listTrigger = Definition(connection, transaction, ListInsertTrigger);
        connection.Execute($"DROP TRIGGER {InsertTrigger}", transaction: transaction);
        if (listTrigger is not null) connection.Execute($"DROP TRIGGER {ListInsertTrigger}", transaction: transaction);
        return new SqliteBulkAudienceCells(connection, transaction, trigger, listTrigger);
    }

    private static string? Definition(DbConnection connection, DbTransaction transaction, string trigger) =>
        connection.ExecuteScalar<string?>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = @trigger", new { trigger }, transaction);

    /// <summary>Adds the new people to their cells (existing cells grow, missing ones are made), raises the list's counter once, then makes the triggers again.</summary>
    public override void Restore()
    {
        _connection.Execute($"CREATE TEMP TABLE bulk_audience_cell ({Key}, people)", transaction: _transaction);
        _connection.Execute($"INSERT INTO temp.bulk_audience_cell ({Key}, people) VALUES (@HomeRegion, @Country, @Gender, @Mask, @Language, @Willing, @People)",
            _added.Select(c => new { c.Key.HomeRegion, c.Key.Country, c.Key.Gender, c.Key.Mask, c.Key.Language, c.Key.Willing, People = c.Value }), _transaction);
        _connection.Execute($"""
            CREATE INDEX temp.ix_bulk_audience_cell ON bulk_audience_cell ({Key});
            UPDATE directory_audience_cell AS k SET people = k.people + b.people
            FROM temp.bulk_audience_cell AS b WHERE {SameCell};
            INSERT INTO directory_audience_cell ({Key}, people)
            SELECT {Key}, people FROM temp.bulk_audience_cell AS b
            WHERE NOT EXISTS (SELECT 1 FROM directory_audience_cell k WHERE {SameCell});
            DROP TABLE temp.bulk_audience_cell;
            """, transaction: _transaction);
        _connection.Execute(_trigger, transaction: _transaction);
        if (_listTrigger is null) return;
        _connection.Execute("UPDATE directory_list_version SET version = version + 1 WHERE one = 1", transaction: _transaction);
        _connection.Execute(_listTrigger, transaction: _transaction);
    }
}
