using CampaignEngine.Web.Infrastructure.Database;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// The desk's SQL that differs between the engines (ADR 0012), side by side: time arithmetic on the stored UTC text and
/// SQLite's index hint. Every other statement of the desk reads alike on both.
/// </summary>
internal abstract class DeskSql
{
    private static readonly DeskSql OnSqlite = new Sqlite();
    private static readonly DeskSql OnPostgreSql = new PostgreSql();

    public static DeskSql Of(Db db) => db.IsPostgreSql ? OnPostgreSql : OnSqlite;

    /// <summary>The threads as <c>t</c>, read through the due-time index that holds every filtered column.</summary>
    public abstract string ThreadsByDueTime { get; }

    /// <summary>A stored UTC time's whole seconds since 1970, as each engine reads the fixed-shape text (ADR 0003).</summary>
    public abstract string Seconds(string utcText);

    /// <summary>A stored UTC time 90 days later, in the same fixed shape, so that it compares with stored times as text.</summary>
    public abstract string NinetyDaysAfter(string utcText);

    private sealed class Sqlite : DeskSql
    {
        // SQLite's planner would rather scan the scope's index; the due-time index reads a short range.
        public override string ThreadsByDueTime => "response_thread t INDEXED BY ix_thread_due_scope";

        public override string Seconds(string utcText) => $"unixepoch({utcText})";

        public override string NinetyDaysAfter(string utcText) => $"strftime('%Y-%m-%dT%H:%M:%fZ', {utcText}, '+90 days')";
    }

    private sealed class PostgreSql : DeskSql
    {
        // PostgreSQL has no index hints; its planner picks the due-time index from the statistics.
        public override string ThreadsByDueTime => "response_thread t";

        public override string Seconds(string utcText) => $"floor(extract(epoch FROM {utcText}::timestamptz))::bigint";

        public override string NinetyDaysAfter(string utcText) =>
            $"to_char(({utcText}::timestamptz + interval '90 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    }
}
