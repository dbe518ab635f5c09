using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Issue 16, part 7: the desk on a million threads. (a) The desk's first page of overdue threads (overdue = waiting and
/// past due, by due time, 50 a page, with the total) beside a bare indexed SELECT of the same 50 ids; (b) the desk's
/// figures for the last 90 days (<see cref="DeskStats.For"/>, per module and per assignee by gender) beside a bare
/// indexed COUNT of the threads received in those days. Budget 50 ms each.
/// </summary>
internal static class ResponsesDeskItem
{
    public const double BudgetMs = 50;

    public static IReadOnlyList<Result> Run(ProductHost host, BenchOptions options)
    {
        using var connection = host.Open();
        var now = DateTimeOffset.UtcNow;
        return [OverduePage(connection, options, now), Stats(host, connection, options, now)];
    }

    /// <summary>
    /// The SQL of the desk's list for "overdue" (DeskQueries.List on the desk-pages branch: the waiting run ordered by
    /// due time, joined to the person and the assignee, and the count), for national staff who see every thread.
    /// </summary>
    private static Result OverduePage(System.Data.IDbConnection connection, BenchOptions options, DateTimeOffset now)
    {
        var parameters = new { now = DeskData.At(now), limit = 50 };
        const string where = "t.due_at IS NOT NULL AND t.due_at < @now AND t.state IN ('new', 'assigned')";
        const string from = "FROM response_thread t LEFT JOIN directory_compatriot p ON p.id = t.compatriot_id LEFT JOIN auth_user u ON u.id = t.assignee_id";
        var page = $"""
            SELECT t.id, t.compatriot_id, p.full_name, t.unknown_sender, t.module_id, t.campaign_id, t.channel, t.state, t.topics, t.assignee_id, u.login,
                   t.received_at, t.last_in_at, t.due_at, t.last_message
            {from} WHERE {where} ORDER BY t.due_at, t.id LIMIT @limit
            """;
        const string bare = "SELECT id FROM response_thread WHERE due_at IS NOT NULL AND due_at < @now ORDER BY due_at, id LIMIT @limit";
        var rows = 0;
        connection.Query(page, parameters).AsList();
        var median = Measure.Median(options.Runs * 3, _ =>
        {
            connection.ExecuteScalar<long>($"SELECT COUNT(*) {from} WHERE {where}", parameters);
            rows = connection.Query(page, parameters).AsList().Count;
        });
        connection.Query<long>(bare, parameters).AsList();
        var limit = Measure.Median(options.Runs * 3, _ => connection.Query<long>(bare, parameters).AsList());
        if (rows != 50) throw new InvalidOperationException($"The overdue page has {rows} threads, expected 50.");
        var overdue = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM response_thread t WHERE {where}", parameters);
        return new Result("desk: first page of overdue threads (50, with the total)", $"{options.Threads:N0} threads, {overdue:N0} overdue",
            median.TotalMilliseconds, "ms", "bare indexed `SELECT` of the 50 ids", limit.TotalMilliseconds, BudgetKind.AtMost, BudgetMs);
    }

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
        var rows = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM response_stat WHERE day >= @from", new { from = period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        return new Result("desk: figures for 90 days (per module and assignee, by gender)", $"{options.Threads:N0} threads, {received:N0} in 90 days",
            median.TotalMilliseconds, "ms", "bare indexed `COUNT(*)` of those threads", limit.TotalMilliseconds, BudgetKind.AtMost, BudgetMs,
            $"read from {rows:N0} daily rows (migration 0033); the same figures from the threads themselves took {detail.TotalMilliseconds:N0} ms");
    }
}
