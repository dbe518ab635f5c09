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

    /// <summary>
    /// Threads waiting for an answer, new or assigned, past their due time (<c>@now</c>), as <c>t</c>: the overdue
    /// filter of the list, its count and its page.
    /// </summary>
    public abstract string Overdue { get; }

    /// <summary>The order of the overdue page, by due time then id, as the index that holds it is written.</summary>
    public abstract string OverdueOrder { get; }

    /// <summary>A stored UTC time's whole seconds since 1970, as each engine reads the fixed-shape text (ADR 0003).</summary>
    public abstract string Seconds(string utcText);

    /// <summary>A stored UTC time 90 days later, in the same fixed shape, so that it compares with stored times as text.</summary>
    public abstract string NinetyDaysAfter(string utcText);

    private sealed class Sqlite : DeskSql
    {
        // SQLite's planner would rather scan the scope's index; the due-time index reads a short range.
        public override string ThreadsByDueTime => "response_thread t INDEXED BY ix_thread_due_scope";

        public override string Overdue => "t.due_at IS NOT NULL AND t.due_at < @now AND t.state IN ('new', 'assigned')";

        public override string OverdueOrder => "t.due_at, t.id";

        public override string Seconds(string utcText) => $"unixepoch({utcText})";

        public override string NinetyDaysAfter(string utcText) => $"strftime('%Y-%m-%dT%H:%M:%fZ', {utcText}, '+90 days')";
    }

    private sealed class PostgreSql : DeskSql
    {
        // PostgreSQL has no index hints; its planner picks the due-time index from the statistics.
        public override string ThreadsByDueTime => "response_thread t";

        // One expression with statistics of its own (migration 0056): the three conditions apart, multiplied as if
        // independent, made the planner expect a hundredth of the overdue threads and sort them all for a page.
        private const string WaitingDue = "(CASE WHEN t.state IN ('new', 'assigned') THEN t.due_at END)";

        public override string Overdue => $"{WaitingDue} < @now";

        public override string OverdueOrder => $"{WaitingDue}, t.id";

        public override string Seconds(string utcText) => $"floor(extract(epoch FROM {utcText}::timestamptz))::bigint";

        public override string NinetyDaysAfter(string utcText) =>
            $"to_char(({utcText}::timestamptz + interval '90 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    }
}
