using System.Globalization;
using System.Reflection;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// The desk's figures, one place for every page that shows them (the desk's stats page and API, the public
/// responsiveness page, the reports): per module and per assignee, split by gender, over a period of Bishkek days,
/// scoped by <see cref="AccessScope.ForThreads"/> like every list of threads.
/// <para>
/// <see cref="For"/> reads the weekly and daily rows that migration 0046's triggers keep (fast on a million threads),
/// stepping them with SQLite's own API (<see cref="SqliteRows"/>);
/// <see cref="FromThreads"/> computes the same from the threads themselves, the definition the rows must equal.
/// A thread's gender and home region are its snapshot from when it opened.
/// </para>
/// </summary>
internal sealed class DeskStats(Db db, ModuleRegistry modules)
{
    // Classes with setters rather than records: SQLite types no computed column of an empty result, and Dapper matches a
    // record's constructor by the column types it is told.
    private sealed class ThreadGroup
    {
        public string ModuleId { get; set; } = "";
        public long AssigneeId { get; set; }
        public string Gender { get; set; } = "";
        public long Received { get; set; }
        public long Answered { get; set; }
        public long WithinSla { get; set; }

        /// <summary>The minutes the group's threads waited for their first answer; -1 for a group not answered.</summary>
        public long Wait { get; set; }
    }

    private sealed class AskedRow
    {
        public long Answered { get; set; }
        public string Gender { get; set; } = "";
        public long People { get; set; }
        public long Pledged { get; set; }
        public long Pledges { get; set; }
        public decimal AmountUsd { get; set; }
    }

    // Optimised at once, as DeskTally's loops (asked for a few times a day, too seldom for tiering to reach it).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public DeskStatsResult For(DeskPeriod period, AccessScope scope)
    {
        var condition = scope.ForThreads("s", modules);
        var parts = DeskStatWeeks.Of(period);
        using var connection = db.Open();
        var tally = new DeskTally();
        // The whole weeks from their rows, the days at the two edges from theirs (migration 0046).
        const string Columns = "s.module_id, s.assignee_id, s.gender, s.received, s.answered, s.within_sla, s.waits";
        AddRows(connection, tally, $"""
            SELECT {Columns} FROM response_stat_week s WHERE s.week BETWEEN @firstWeek AND @lastWeek AND {condition.Sql}
            UNION ALL
            SELECT {Columns} FROM response_stat s WHERE s.day BETWEEN @from AND @headTo AND {condition.Sql}
            UNION ALL
            SELECT {Columns} FROM response_stat s WHERE s.day BETWEEN @tailFrom AND @to AND {condition.Sql}
            """, new
            {
                from = Day(period.From), to = Day(period.To), firstWeek = Day(parts.FirstWeek), lastWeek = Day(parts.LastWeek),
                headTo = Day(parts.HeadTo), tailFrom = Day(parts.TailFrom),
            }, condition);
        return Result(connection, period, tally);
    }

    /// <summary>
    /// Adds up the stored rows, each as its engine's driver holds it: on SQLite stepped with its own API (reading the columns
    /// through objects cost as much as adding them up), on PostgreSQL from Npgsql's reader, the texts as strings (ADR 0012).
    /// Read into Dapper's tuples and copied to UTF-8 three times a row, the figures of 90 days on a million threads took
    /// 52–67 ms; from the reader, 30–37 ms (docs/benchmarks.md, session 25). Optimised at once, as <see cref="For"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void AddRows(System.Data.Common.DbConnection connection, DeskTally tally, string sql, object parameters, ScopeCondition condition)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            SqliteRows.Read(sqlite, sql, Values(parameters, condition), new TallyRows(tally));
            return;
        }
        using var reader = connection.ExecuteReader(sql, condition.With(parameters));
        while (reader.Read())
            tally.Add(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetString(6));
    }

    /// <summary>Adds each stored row to the tally as SQLite holds it (the columns of <c>For</c>'s query, in order).</summary>
    private readonly struct TallyRows(DeskTally tally) : ISqliteRowReader
    {
        public void Read(SqliteRow row) =>
            tally.Add(row.Utf8(0), row.Int64(1), row.Utf8(2), row.Int64(3), row.Int64(4), row.Int64(5), row.Utf8(6));
    }

    /// <summary>The figures from the threads themselves: what <see cref="For"/> must equal (and slower by far on many threads).</summary>
    internal DeskStatsResult FromThreads(DeskPeriod period, AccessScope scope)
    {
        var condition = scope.ForThreads("t", modules);
        using var connection = db.Open();
        var waited = $"({Seconds("t.first_answered_at")} - {Seconds("t.received_at")}) / 60";
        var groups = connection.Query<ThreadGroup>($"""
            SELECT t.module_id AS ModuleId, COALESCE(t.assignee_id, 0) AS AssigneeId, t.gender AS Gender, COUNT(*) AS Received,
                   SUM(CASE WHEN t.first_answered_at IS NOT NULL THEN 1 ELSE 0 END) AS Answered,
                   SUM(CASE WHEN t.first_answered_at IS NOT NULL AND t.first_answered_at <= t.first_due_at THEN 1 ELSE 0 END) AS WithinSla,
                   CASE WHEN t.first_answered_at IS NULL THEN -1 WHEN {waited} < 0 THEN 0 ELSE {waited} END AS Wait
            FROM response_thread t
            WHERE t.received_at >= @start AND t.received_at < @end AND {condition.Sql}
            GROUP BY 1, 2, 3, 7
            """, condition.With(new { start = period.Start, end = period.End }));
        var tally = new DeskTally();
        foreach (var g in groups) tally.Add(g.ModuleId, g.AssigneeId, g.Gender, g.Received, g.Answered, g.WithinSla, (int)g.Wait);
        return Result(connection, period, tally);
    }

    /// <summary>
    /// People who asked in the period and whether any of their questions got an answer, with what they pledged within 90
    /// days of their first question in it (live pledges, as the pledge report counts them). Threads are scoped as the
    /// desk's, pledges as the reports': a leader sees only questions addressed to the organisation.
    /// </summary>
    public IReadOnlyList<AskedPeople> AnsweredVsNot(DeskPeriod period, AccessScope scope)
    {
        var threads = scope.ForThreads("t", modules);
        var pledges = scope.ForPeopleById("p.home_region", "p.compatriot_id");
        using var connection = db.Open();
        return connection.Query<AskedRow>($"""
            WITH asked AS (
                SELECT t.compatriot_id AS person, MIN(t.received_at) AS first_at, MAX(CASE WHEN t.first_answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered, MIN(t.gender) AS gender
                FROM response_thread t
                WHERE t.compatriot_id IS NOT NULL AND t.received_at >= @start AND t.received_at < @end AND {threads.Sql}
                GROUP BY t.compatriot_id),
            pledged AS (
                SELECT a.person, COUNT(*) AS pledges, COALESCE(SUM(p.amount_usd), 0) AS usd
                FROM asked a JOIN pledge p ON p.compatriot_id = a.person
                WHERE p.created_at >= a.first_at AND p.created_at < {NinetyDaysAfter("a.first_at")}
                  AND p.status NOT IN ('cancelled', 'written_off') AND {pledges.Sql}
                GROUP BY a.person)
            SELECT a.answered AS Answered, a.gender AS Gender, COUNT(*) AS People, COUNT(d.person) AS Pledged,
                   COALESCE(SUM(d.pledges), 0) AS Pledges, ROUND(COALESCE(SUM(d.usd), 0), 2) AS AmountUsd
            FROM asked a LEFT JOIN pledged d ON d.person = a.person
            GROUP BY 1, 2
            ORDER BY 1 DESC, 2
            """, Merged(new { start = period.Start, end = period.End }, threads, pledges))
            .Select(r => new AskedPeople(r.Answered == 1, r.Gender, r.People, r.Pledged, r.Pledges, r.AmountUsd)).ToList();
    }

    private DeskStatsResult Result(System.Data.IDbConnection connection, DeskPeriod period, DeskTally tally)
    {
        var order = modules.Enabled.Select((m, i) => (m.Manifest.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var byModule = tally.Modules
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var assigneeIds = tally.AssigneeIds.ToList();
        var logins = assigneeIds.Count == 0 ? new Dictionary<long, string>()
            : connection.Query<(long Id, string Login)>("SELECT id, login FROM auth_user WHERE id IN (SELECT value FROM json_each(@ids))", new { ids = JsonIds.Of(assigneeIds) }).ToDictionary(u => u.Id, u => u.Login);
        // Unassigned threads last, the others by login.
        var byAssignee = tally.Assignees
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key is { } id ? logins.GetValueOrDefault(id, "") : "", StringComparer.Ordinal).ToList();
        return new DeskStatsResult(period, byModule, byAssignee, logins);
    }

    private string Seconds(string utcText) => DeskSql.Of(db).Seconds(utcText);

    private string NinetyDaysAfter(string utcText) => DeskSql.Of(db).NinetyDaysAfter(utcText);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The query's parameters with the values of several scope conditions, which may name the same value.</summary>
    private static DynamicParameters Merged(object parameters, params ScopeCondition[] conditions)
    {
        var all = new DynamicParameters(parameters);
        all.AddDynamicParams(Properties(conditions.Select(c => c.Values)));
        return all;
    }

    /// <summary>The query's parameters and the scope's values, by name, for <see cref="SqliteRows"/>.</summary>
    private static Dictionary<string, object?> Values(object parameters, ScopeCondition condition) =>
        Properties([parameters, condition.Values]);

    private static Dictionary<string, object?> Properties(IEnumerable<object?> objects)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var value in objects.OfType<object>())
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                values[property.Name] = property.GetValue(value);
        return values;
    }
}
