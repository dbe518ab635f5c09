using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CampaignEngine.Core.Reference;
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
/// <see cref="For"/> reads the daily rows that migration 0033's triggers keep (fast on a million threads);
/// <see cref="FromThreads"/> computes the same from the threads themselves, the definition the rows must equal.
/// A thread's gender and home region are its snapshot from when it opened.
/// </para>
/// </summary>
internal sealed class DeskStats(Db db, ModuleRegistry modules)
{
    /// <summary>One stored group of threads: its counts and the minutes each answered one waited (minutes → threads).</summary>
    private sealed record Piece(string ModuleId, long AssigneeId, string Gender, long Received, long Answered, long WithinSla, IReadOnlyList<(int Minutes, long Count)> Waits);

    private sealed record Row(string ModuleId, long AssigneeId, string Gender, long Received, long Answered, long WithinSla, string Waits);

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

    public DeskStatsResult For(DeskPeriod period, AccessScope scope)
    {
        var condition = scope.ForThreads("s", modules);
        using var connection = db.Open();
        var rows = connection.Query<Row>($"""
            SELECT s.module_id AS ModuleId, s.assignee_id AS AssigneeId, s.gender AS Gender, s.received AS Received, s.answered AS Answered,
                   s.within_sla AS WithinSla, s.waits AS Waits
            FROM response_stat s
            WHERE s.day BETWEEN @from AND @to AND {condition.Sql}
            """, condition.With(new { from = Day(period.From), to = Day(period.To) }));
        var pieces = rows.Select(r => new Piece(r.ModuleId, r.AssigneeId, r.Gender, r.Received, r.Answered, r.WithinSla, WaitsOf(r.Waits))).ToList();
        return Result(connection, period, pieces);
    }

    /// <summary>The figures from the threads themselves: what <see cref="For"/> must equal (and slower by far on many threads).</summary>
    internal DeskStatsResult FromThreads(DeskPeriod period, AccessScope scope)
    {
        var condition = scope.ForThreads("t", modules);
        using var connection = db.Open();
        var groups = connection.Query<ThreadGroup>($"""
            SELECT t.module_id AS ModuleId, COALESCE(t.assignee_id, 0) AS AssigneeId, t.gender AS Gender, COUNT(*) AS Received,
                   SUM(t.first_answered_at IS NOT NULL) AS Answered,
                   SUM(t.first_answered_at IS NOT NULL AND t.first_answered_at <= t.first_due_at) AS WithinSla,
                   CASE WHEN t.first_answered_at IS NULL THEN -1 ELSE MAX(0, (unixepoch(t.first_answered_at) - unixepoch(t.received_at)) / 60) END AS Wait
            FROM response_thread t
            WHERE t.received_at >= @start AND t.received_at < @end AND {condition.Sql}
            GROUP BY 1, 2, 3, 7
            """, condition.With(new { start = period.Start, end = period.End }));
        var pieces = groups.Select(g => new Piece(g.ModuleId, g.AssigneeId, g.Gender, g.Received, g.Answered, g.WithinSla,
            g.Wait >= 0 ? [((int)g.Wait, g.Answered)] : [])).ToList();
        return Result(connection, period, pieces);
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
                SELECT t.compatriot_id AS person, MIN(t.received_at) AS first_at, MAX(t.first_answered_at IS NOT NULL) AS answered, MIN(t.gender) AS gender
                FROM response_thread t
                WHERE t.compatriot_id IS NOT NULL AND t.received_at >= @start AND t.received_at < @end AND {threads.Sql}
                GROUP BY t.compatriot_id),
            pledged AS (
                SELECT a.person, COUNT(*) AS pledges, COALESCE(SUM(p.amount_usd), 0) AS usd
                FROM asked a JOIN pledge p ON p.compatriot_id = a.person
                WHERE p.created_at >= a.first_at AND p.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', a.first_at, '+90 days')
                  AND p.status NOT IN ('cancelled', 'written_off') AND {pledges.Sql}
                GROUP BY a.person)
            SELECT a.answered = 1 AS Answered, a.gender AS Gender, COUNT(*) AS People, COUNT(d.person) AS Pledged,
                   COALESCE(SUM(d.pledges), 0) AS Pledges, ROUND(COALESCE(SUM(d.usd), 0), 2) AS AmountUsd
            FROM asked a LEFT JOIN pledged d ON d.person = a.person
            GROUP BY 1, 2
            ORDER BY 1 DESC, 2
            """, Merged(new { start = period.Start, end = period.End }, threads, pledges))
            .Select(r => new AskedPeople(r.Answered == 1, r.Gender, r.People, r.Pledged, r.Pledges, r.AmountUsd)).ToList();
    }

    private DeskStatsResult Result(System.Data.IDbConnection connection, DeskPeriod period, List<Piece> pieces)
    {
        var order = modules.Enabled.Select((m, i) => (m.Manifest.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var byModule = Groups(pieces, p => p.ModuleId)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var assigneeIds = pieces.Select(p => p.AssigneeId).Where(id => id != 0).Distinct().ToList();
        var logins = assigneeIds.Count == 0 ? new Dictionary<long, string>()
            : connection.Query<(long Id, string Login)>("SELECT id, login FROM auth_user WHERE id IN @assigneeIds", new { assigneeIds }).ToDictionary(u => u.Id, u => u.Login);
        // Unassigned threads last, the others by login.
        var byAssignee = Groups(pieces, p => p.AssigneeId == 0 ? (long?)null : p.AssigneeId)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key is { } id ? logins.GetValueOrDefault(id, "") : "", StringComparer.Ordinal).ToList();
        return new DeskStatsResult(period, byModule, byAssignee, logins);
    }

    /// <summary>Each key's figures, in all and per gender, added up in one pass over its pieces.</summary>
    private static IEnumerable<DeskStatsGroup<TKey>> Groups<TKey>(List<Piece> pieces, Func<Piece, TKey> key) =>
        pieces.GroupBy(key).Select(group =>
        {
            var total = new Tally();
            var byGender = Vocabulary.Genders.ToDictionary(gender => gender, _ => new Tally(), StringComparer.Ordinal);
            foreach (var piece in group)
            {
                total.Add(piece);
                byGender.GetValueOrDefault(piece.Gender)?.Add(piece);
            }
            return new DeskStatsGroup<TKey>(group.Key, total.Figures(), byGender.ToDictionary(g => g.Key, g => g.Value.Figures(), StringComparer.Ordinal));
        });

    /// <summary>Counts added up, and the waits kept as a histogram of minutes, from which the median is exact.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<int, long> _waits = [];
        private long _received, _answered, _withinSla;

        public void Add(Piece piece)
        {
            (_received, _answered, _withinSla) = (_received + piece.Received, _answered + piece.Answered, _withinSla + piece.WithinSla);
            foreach (var (minutes, count) in piece.Waits) _waits[minutes] = _waits.GetValueOrDefault(minutes) + count;
        }

        public DeskFigures Figures() =>
            new(_received, _answered, MedianHours(), _received == 0 ? 0 : Math.Round((double)_withinSla / _received, 3));

        /// <summary>The middle wait (the mean of the two middle ones for an even count), in hours to a tenth.</summary>
        private double? MedianHours()
        {
            var count = _waits.Values.Sum();
            if (count == 0) return null;
            var (lower, upper) = ((count - 1) / 2, count / 2);
            int? low = null, high = null;
            long seen = 0;
            foreach (var (minutes, n) in _waits.OrderBy(w => w.Key))
            {
                if (low is null && seen + n > lower) low = minutes;
                if (seen + n > upper) { high = minutes; break; }
                seen += n;
            }
            return Math.Round((low!.Value + high!.Value) / 2.0 / 60, 1);
        }
    }

    /// <summary>The stored histogram: a JSON object of minutes → threads, as SQLite's json functions write it.</summary>
    private static List<(int Minutes, long Count)> WaitsOf(string json)
    {
        var waits = new List<(int, long)>();
        if (json.Length <= 2) return waits;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            var minutes = int.Parse(reader.GetString()!, CultureInfo.InvariantCulture);
            reader.Read();
            waits.Add((minutes, reader.GetInt64()));
        }
        return waits;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The query's parameters with the values of several scope conditions, which may name the same value.</summary>
    private static DynamicParameters Merged(object parameters, params ScopeCondition[] conditions)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var condition in conditions.Where(c => c.Values is not null))
            foreach (var property in condition.Values!.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                values[property.Name] = property.GetValue(condition.Values);
        var all = new DynamicParameters(parameters);
        all.AddDynamicParams(values);
        return all;
    }
}
