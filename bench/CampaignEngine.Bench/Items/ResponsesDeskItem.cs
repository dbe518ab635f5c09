using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Issue 16, part 7: the desk on a million threads. (a) The desk's first page of overdue threads (overdue = waiting and
/// past due, by due time, 50 a page, with the exact total) as <see cref="DeskQueries.List"/> gives it to national staff
/// and to an oblast administration, beside a bare indexed SELECT of the same 50 ids; (b) the desk's figures for the last
/// 90 days (<see cref="DeskStats.For"/>, per module and per assignee by gender) beside a bare indexed COUNT of the threads
/// received in those days. Budget 50 ms each.
/// </summary>
internal static class ResponsesDeskItem
{
    public const double BudgetMs = 50;

    /// <summary>The oblast whose administration is measured: a large region with a module of its own (its threads and its module's).</summary>
    private const string OblastRegion = "KG-J";

    public static IReadOnlyList<Result> Run(ProductHost host, BenchOptions options)
    {
        using var connection = host.Open();
        var now = DateTimeOffset.UtcNow;
        var oblast = new CurrentUser(-1, "bench-oblast", Roles.Oblast, OblastRegion, null);
        return
        [
            OverduePage(host, connection, options, now, host.Admin, "national staff"),
            OverduePage(host, connection, options, now, oblast, $"an oblast administration ({OblastRegion})"),
            Stats(host, connection, options, now),
        ];
    }

    /// <summary>The product's own list (<see cref="DeskQueries.List"/>) of the first overdue page with its total, as <paramref name="user"/> sees it.</summary>
    private static Result OverduePage(ProductHost host, System.Data.IDbConnection connection, BenchOptions options, DateTimeOffset now, CurrentUser user, string who)
    {
        var queries = host.Services.GetRequiredService<DeskQueries>();
        var filter = new DeskFilter { Overdue = true, PageSize = 50 };
        const string bare = "SELECT id FROM response_thread WHERE due_at IS NOT NULL AND due_at < @now ORDER BY due_at, id LIMIT @limit";
        var parameters = new { now = DeskData.At(now), limit = 50 };
        DeskList list = queries.List(user, filter);
        var median = Measure.Median(options.Runs * 3, _ => list = queries.List(user, filter));
        connection.Query<long>(bare, parameters).AsList();
        var limit = Measure.Median(options.Runs * 3, _ => connection.Query<long>(bare, parameters).AsList());
        if (list.Items.Count != 50) throw new InvalidOperationException($"The overdue page of {who} has {list.Items.Count} threads, expected 50.");
        var scope = AccessScope.Of(user).ForThreads("t", host.Services.GetRequiredService<ModuleRegistry>());
        var counted = connection.ExecuteScalar<long>($"""
            SELECT COUNT(*) FROM response_thread t WHERE {scope.Sql} AND t.due_at IS NOT NULL AND t.due_at < @now AND t.state IN ('new', 'assigned')
            """, scope.With(new { now = DeskData.At(now) }));
        if (counted != list.Total) throw new InvalidOperationException($"The desk counts {list.Total:N0} overdue threads for {who}, the threads {counted:N0}.");
        return new Result($"desk: first page of overdue threads (50, with the exact total), {who}", $"{options.Threads:N0} threads, {list.Total:N0} overdue",
            median.TotalMilliseconds, "ms", "bare indexed `SELECT` of the 50 ids", limit.TotalMilliseconds, BudgetKind.AtMost, BudgetMs,
            "`DeskQueries.List`, the product's own query: the page and the total from the counts kept per thread's values (migration 0040)");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Result Stats(ProductHost host, System.Data.IDbConnection connection, BenchOptions options, DateTimeOffset now)
    {
        var stats = host.Services.GetRequiredService<DeskStats>();
        var period = DeskPeriod.LastDays(now);
        var bare = new { start = DeskData.At(period.Start) };
        const string count = "SELECT COUNT(*) FROM response_thread WHERE received_at >= @start";
        DeskStatsResult result = null!;
        stats.For(period, AccessScope.Everything);
        var median = Measure.Median(options.Runs * 3, _ => result = stats.For(period, AccessScope.Everything));
        var received = connection.ExecuteScalar<long>(count, bare);
        var limit = Measure.Median(options.Runs * 3, _ => connection.ExecuteScalar<long>(count, bare));
        var counted = result.Modules.Sum(m => m.Total.Received);
        if (counted != received) throw new InvalidOperationException($"The figures count {counted} threads in 90 days, the threads {received}.");
        // The same figures from the threads themselves, once: why the daily rows exist.
        var detail = Measure.Median(1, _ => stats.FromThreads(period, AccessScope.Everything));
        var parts = DeskStatWeeks.Of(period);
        var rows = connection.ExecuteScalar<long>("""
            SELECT (SELECT COUNT(*) FROM response_stat_week WHERE week BETWEEN @firstWeek AND @lastWeek)
                 + (SELECT COUNT(*) FROM response_stat WHERE day BETWEEN @from AND @headTo OR day BETWEEN @tailFrom AND @to)
            """, new { firstWeek = Day(parts.FirstWeek), lastWeek = Day(parts.LastWeek), from = Day(period.From), headTo = Day(parts.HeadTo), tailFrom = Day(parts.TailFrom), to = Day(period.To) });
        return new Result("desk: figures for 90 days (per module and assignee, by gender)", $"{options.Threads:N0} threads, {received:N0} in 90 days",
            median.TotalMilliseconds, "ms", "bare indexed `COUNT(*)` of those threads", limit.TotalMilliseconds, BudgetKind.AtMost, BudgetMs,
            $"read from {rows:N0} weekly and daily rows (migration 0046); the same figures from the threads themselves took {detail.TotalMilliseconds:N0} ms");
    }
}
