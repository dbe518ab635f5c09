using System.Data;
using System.Data.Common;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using ClaimedMessage = CampaignEngine.Web.Features.Sending.Dispatcher.ClaimedMessage;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// The ledger's statements that differ between the engines (ADR 0012, 0013), side by side: the claim, the writes that
/// read a batch's rows from one JSON array, the quota's lock and which rows left 'sending' go back to the queue. Every
/// other statement of the feature reads alike on both. The engine is the connection's, so the static commands other
/// features call inside their own transactions pick the same version as the host's own code.
/// </summary>
internal abstract class SendingSql
{
    private static readonly SendingSql OnSqlite = new Sqlite();
    private static readonly SendingSql OnPostgreSql = new PostgreSql();

    public static SendingSql Of(IDbConnection connection) => connection is NpgsqlConnection ? OnPostgreSql : OnSqlite;

    /// <summary>Sent messages: <c>@rows</c> is [[id, provider id], …] (<see cref="OutcomeRows"/>), <c>@now</c> the time.</summary>
    public abstract string RecordSent { get; }

    /// <summary>Other outcomes: [[id, provider id, status, error, not before, attempt given back], …].</summary>
    public abstract string RecordOther { get; }

    /// <summary>The month each message holds a place under its person's cap: [[id, month], …].</summary>
    public abstract string SetCountedMonths { get; }

    /// <summary>Places given back: [[compatriot id, month, count], …].</summary>
    public abstract string GiveBackPlaces { get; }

    /// <summary>Per [[compatriot id, month start], …] of <c>@rows</c>, what the ledger sent them since, but for the <c>@exempt</c> purposes.</summary>
    public abstract string SentSince { get; }

    /// <summary>
    /// Of the rows in 'sending', those nobody is sending any more. On SQLite one process owns the file, so at its start
    /// that is all of them; on PostgreSQL, those of hosts whose lease ran out (a live host's rows are never taken).
    /// </summary>
    public abstract string Abandoned { get; }

    /// <summary>Claims up to <paramref name="limit"/> due rows of the campaign for <paramref name="host"/>, each with its person's monthly cap.</summary>
    public abstract DbCommand ClaimCommand(DbConnection connection, DbTransaction transaction, long campaignId, DateTimeOffset now, int limit, string host);

    /// <summary>A transaction in which a channel's usage is read and raised by one taker at a time, on every host.</summary>
    public abstract DbTransaction BeginQuotaTransaction(DbConnection connection, string channel);

    private sealed class Sqlite : SendingSql
    {
        // SQLite's ->> returns a JSON number as an integer and a string as text, so the values compare as they are.
        public override string RecordSent => """
            UPDATE send_message AS m SET status = 'sent', provider_id = o.value ->> 1, error = NULL, sent_at = @now
            FROM json_each(@rows) AS o
            WHERE m.id = o.value ->> 0
            """;

        public override string RecordOther => """
            UPDATE send_message AS m
            SET status = o.value ->> 2, provider_id = o.value ->> 1, error = o.value ->> 3,
                not_before = COALESCE(o.value ->> 4, m.not_before),
                attempts = m.attempts - (o.value ->> 5)
            FROM json_each(@rows) AS o
            WHERE m.id = o.value ->> 0
            """;

        public override string SetCountedMonths => """
            UPDATE send_message SET counted_month = p.value ->> 1
            FROM json_each(@rows) AS p WHERE send_message.id = p.value ->> 0
            """;

        public override string GiveBackPlaces => """
            UPDATE send_person_month SET taken = taken - (g.value ->> 2)
            FROM json_each(@counts) AS g
            WHERE send_person_month.compatriot_id = g.value ->> 0 AND send_person_month.month = g.value ->> 1
            """;

        public override string SentSince => """
            SELECT r.value ->> 0, (
                SELECT COUNT(*) FROM send_message m JOIN campaign k ON k.id = m.campaign_id
                WHERE m.compatriot_id = r.value ->> 0 AND m.status IN ('sent', 'delivered') AND m.sent_at >= r.value ->> 1
                  AND k.purpose NOT IN (SELECT value FROM json_each(@exempt)))
            FROM json_each(@rows) AS r
            """;

        public override string Abandoned => "status = 'sending'";

        public override DbCommand ClaimCommand(DbConnection connection, DbTransaction transaction, long campaignId, DateTimeOffset now, int limit, string host)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE send_message SET status = 'sending', attempts = attempts + 1
                WHERE id IN (
                    SELECT m.id FROM send_message m
                    WHERE m.campaign_id = $campaignId AND m.status = 'pending' AND m.not_before <= $now
                      AND EXISTS (SELECT 1 FROM campaign WHERE id = $campaignId AND status = 'sending')
                    ORDER BY m.not_before, m.id
                    LIMIT $limit)
                RETURNING id, compatriot_id, channel, token, attempts,
                          (SELECT p.max_per_month FROM directory_preference p WHERE p.compatriot_id = send_message.compatriot_id)
                """;
            var parameters = ((SqliteCommand)command).Parameters;
            parameters.AddWithValue("$campaignId", campaignId);
            parameters.AddWithValue("$now", now.ToDb());
            parameters.AddWithValue("$limit", limit);
            return command;
        }

        // BEGIN IMMEDIATE: the write lock before reading, so two takers cannot both read the same "used".
        public override DbTransaction BeginQuotaTransaction(DbConnection connection, string channel) =>
            ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    private sealed class PostgreSql : SendingSql
    {
        // ->> returns text here: ids and counts are cast back to numbers.
        public override string RecordSent => """
            UPDATE send_message AS m SET status = 'sent', provider_id = o.value ->> 1, error = NULL, sent_at = @now
            FROM jsonb_array_elements(CAST(@rows AS jsonb)) AS o (value)
            WHERE m.id = CAST(o.value ->> 0 AS bigint)
            """;

        public override string RecordOther => """
            UPDATE send_message AS m
            SET status = o.value ->> 2, provider_id = o.value ->> 1, error = o.value ->> 3,
                not_before = COALESCE(o.value ->> 4, m.not_before),
                attempts = m.attempts - CAST(o.value ->> 5 AS bigint)
            FROM jsonb_array_elements(CAST(@rows AS jsonb)) AS o (value)
            WHERE m.id = CAST(o.value ->> 0 AS bigint)
            """;

        public override string SetCountedMonths => """
            UPDATE send_message SET counted_month = p.value ->> 1
            FROM jsonb_array_elements(CAST(@rows AS jsonb)) AS p (value) WHERE send_message.id = CAST(p.value ->> 0 AS bigint)
            """;

        public override string GiveBackPlaces => """
            UPDATE send_person_month SET taken = taken - CAST(g.value ->> 2 AS bigint)
            FROM jsonb_array_elements(CAST(@counts AS jsonb)) AS g (value)
            WHERE send_person_month.compatriot_id = CAST(g.value ->> 0 AS bigint) AND send_person_month.month = g.value ->> 1
            """;

        public override string SentSince => """
            SELECT CAST(r.value ->> 0 AS bigint), (
                SELECT COUNT(*) FROM send_message m JOIN campaign k ON k.id = m.campaign_id
                WHERE m.compatriot_id = CAST(r.value ->> 0 AS bigint) AND m.status IN ('sent', 'delivered') AND m.sent_at >= r.value ->> 1
                  AND k.purpose NOT IN (SELECT jsonb_array_elements_text(CAST(@exempt AS jsonb))))
            FROM jsonb_array_elements(CAST(@rows AS jsonb)) AS r (value)
            """;

        public override string Abandoned => """
            status = 'sending'
            AND NOT EXISTS (SELECT 1 FROM send_host h WHERE h.host_id = send_message.claimed_by AND h.lease_until > @now)
            """;

        // SKIP LOCKED: rows another host is claiming this instant are passed over, not waited for, and never claimed twice
        // (a row whose claim committed meanwhile is read again under its lock and no longer is 'pending').
        // By not_before alone, the order of ix_send_campaign_status: the claim reads its batch off the index and stops.
        // Rows due at the same instant (a whole campaign sent all day opens at one time) come in the index's order. With
        // the id as a second key, which PostgreSQL's index does not hold (SQLite's holds the rowid), every claim read and
        // sorted all the campaign's due rows: half a second for 333,000 on disk, and Npgsql's 30 s timeout for the first
        // claim of a million under load (docs/benchmarks.md).
        public override DbCommand ClaimCommand(DbConnection connection, DbTransaction transaction, long campaignId, DateTimeOffset now, int limit, string host)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE send_message AS s SET status = 'sending', attempts = s.attempts + 1, claimed_by = @host
                FROM (SELECT m.id FROM send_message m
                      WHERE m.campaign_id = @campaignId AND m.status = 'pending' AND m.not_before <= @now
                        AND EXISTS (SELECT 1 FROM campaign WHERE id = @campaignId AND status = 'sending')
                      ORDER BY m.not_before
                      LIMIT @limit
                      FOR UPDATE OF m SKIP LOCKED) AS due
                WHERE s.id = due.id
                RETURNING s.id, s.compatriot_id, s.channel, s.token, s.attempts,
                          (SELECT p.max_per_month FROM directory_preference p WHERE p.compatriot_id = s.compatriot_id)
                """;
            var parameters = ((NpgsqlCommand)command).Parameters;
            parameters.AddWithValue("campaignId", campaignId);
            parameters.AddWithValue("now", now.ToDb());
            parameters.AddWithValue("limit", limit);
            parameters.AddWithValue("host", host);
            return command;
        }

        // A transaction-scoped advisory lock per channel: every host's takers of one channel go one after another.
        public override DbTransaction BeginQuotaTransaction(DbConnection connection, string channel)
        {
            var transaction = connection.BeginTransaction();
            connection.Execute("SELECT pg_advisory_xact_lock(hashtext('channel_usage:' || @channel))", new { channel }, transaction);
            return transaction;
        }
    }
}
