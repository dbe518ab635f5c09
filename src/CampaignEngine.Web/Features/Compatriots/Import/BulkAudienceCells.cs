using System.Data.Common;
using CampaignEngine.Core.Reference;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// The audience cells (migration 0048) kept for a large first load by one grouped count of the new people instead of
/// the insert trigger's two index probes and write per person. The trigger is dropped inside the import's transaction
/// and made again from its own stored definition before the commit, so no other writer ever sees the directory without
/// it (SQLite has one writer: nobody else inserts while the import holds the transaction), and a failure rolls both back.
/// The people a load inserts are exactly those with an id above the largest before it: the writer never updates a row
/// it inserted in the same call (a file's external ids are unique), so their cells are counted once, as they stand.
/// </summary>
internal sealed class BulkAudienceCells
{
    public const string InsertTrigger = "tr_audience_cell_insert";

    // The cell's channel mask over the directory's columns, as migration 0048's triggers compute it
    // (AudienceCellsTests compares the cells with the people after a bulk load).
    private static readonly string Mask = string.Join(" + ", Vocabulary.Channels.Select((channel, bit) =>
    {
        var address = Vocabulary.AddressField(channel);
        return $"((consent_{channel} = 1 AND {address} IS NOT NULL AND {address} <> '') * {1 << bit})";
    }));

    private const string Key = "home_region, country, gender, mask, language, willing";

    private static readonly string SameCell = string.Join(" AND ", Key.Split(", ").Select(c => $"k.{c} IS NOT DISTINCT FROM b.{c}"));

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly long _lastIdBefore;
    private readonly string _trigger;

    private BulkAudienceCells(DbConnection connection, DbTransaction transaction, long lastIdBefore, string trigger)
    {
        _connection = connection;
        _transaction = transaction;
        _lastIdBefore = lastIdBefore;
        _trigger = trigger;
    }

    /// <summary>
    /// Drops SQLite's insert trigger until <see cref="Restore"/>; null where the trigger is missing. On PostgreSQL the
    /// trigger stays (<see cref="CompatriotsSql.SuspendCellTrigger"/>, ADR 0012).
    /// </summary>
    public static BulkAudienceCells? Suspend(DbConnection connection, DbTransaction transaction)
    {
        var trigger = connection.ExecuteScalar<string?>(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = @InsertTrigger", new { InsertTrigger }, transaction);
        if (trigger is null) return null;
        var lastId = connection.ExecuteScalar<long>("SELECT COALESCE(MAX(id), 0) FROM directory_compatriot", transaction: transaction);
        connection.Execute($"DROP TRIGGER {InsertTrigger}", transaction: transaction);
        return new BulkAudienceCells(connection, transaction, lastId, trigger);
    }

    /// <summary>Adds the new people to their cells (existing cells grow, missing ones are made), then makes the trigger again.</summary>
    public void Restore()
    {
        _connection.Execute($"""
            CREATE TEMP TABLE bulk_audience_cell AS
            SELECT home_region, country, gender, {Mask} AS mask, language, willing, COUNT(*) AS people
            FROM directory_compatriot WHERE id > @last GROUP BY 1, 2, 3, 4, 5, 6;
            CREATE INDEX temp.ix_bulk_audience_cell ON bulk_audience_cell ({Key});
            UPDATE directory_audience_cell AS k SET people = k.people + b.people
            FROM temp.bulk_audience_cell AS b WHERE {SameCell};
            INSERT INTO directory_audience_cell ({Key}, people)
            SELECT {Key}, people FROM temp.bulk_audience_cell AS b
            WHERE NOT EXISTS (SELECT 1 FROM directory_audience_cell k WHERE {SameCell});
            DROP TABLE temp.bulk_audience_cell;
            """, new { last = _lastIdBefore }, _transaction);
        _connection.Execute(_trigger, transaction: _transaction);
    }
}
