using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Responses;

/// <summary>
/// The desk's overdue page on PostgreSQL reads its page off the due-time order and stops. Two plans read every overdue
/// thread instead (1.3 s nationally and 1.7 s for an oblast on a million threads): the list's second run, of threads
/// nothing waits for, which PostgreSQL walked to the end of the newest-message index looking for one that was also
/// overdue; and, for an oblast, the scope's indexes with a sort, chosen because the planner multiplied the overdue
/// conditions as if independent and expected a hundredth of the threads (migration 0056). The plan is read as PostgreSQL
/// runs it, under <c>EXPLAIN ANALYZE</c>, with statistics on the threads.
/// </summary>
public sealed class DeskPagePlanTests : IDisposable
{
    private const int Answered = 15_000;
    private const int OverdueElsewhere = 4_000;
    private const int OverdueInNaryn = 2_000;
    private readonly TestHost _host = new(TestHost.PostgreSql);

    [SkippableFact]
    public void The_first_page_of_overdue_threads_reads_only_waiting_threads_off_the_due_time_index()
    {
        var longAgo = DateTimeOffset.UtcNow.AddDays(-30);
        _ = _host.Server;
        using var connection = _host.OpenDatabase();
        Copies(connection, DeskStatsData.Insert(connection, new DeskThread("issyk-kul", "female", longAgo, AnsweredAfterMinutes: 5)), Answered);
        Copies(connection, DeskStatsData.Insert(connection, new DeskThread("issyk-kul", "male", longAgo, DueAfterHours: 24)), OverdueElsewhere);
        // Naryn's overdue threads among the others' by due time, every other one for their first 2,000 minutes.
        Copies(connection, DeskStatsData.Insert(connection, new DeskThread("naryn", "male", longAgo.AddSeconds(30), DueAfterHours: 24)), OverdueInNaryn);
        connection.Execute("ANALYZE response_thread");

        var queries = _host.Services.GetRequiredService<DeskQueries>();
        var filter = new DeskFilter { Overdue = true, PageSize = 50 };
        foreach (var user in new[] { new CurrentUser(1, "staff", Roles.Officer, null, null), new CurrentUser(2, "naryn", Roles.Oblast, "KG-N", null) })
        {
            Assert.Equal(50, queries.List(user, filter).Items.Count);
            var (sql, parameters) = queries.Page(user, filter);
            using var plan = JsonDocument.Parse(connection.ExecuteScalar<string>("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, parameters)!);
            var threads = PostgresPlan.Nodes(plan.RootElement[0].GetProperty("Plan"))
                .Where(n => n.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "response_thread").ToList();
            Assert.NotEmpty(threads);
            var read = threads.Sum(n => (PostgresPlan.Number(n, "Actual Rows") + PostgresPlan.Number(n, "Rows Removed by Filter")) * PostgresPlan.Number(n, "Actual Loops"));
            // Off the due-time order, a page of Naryn's is some 100 threads of all; through the scope's indexes, all 2,000 of Naryn's.
            Assert.True(read <= 4 * filter.PageSize, $"The overdue page read {read} threads for {user.Login}'s page of {filter.PageSize}: {Describe(threads)}");
        }
    }

    /// <summary><paramref name="copies"/> threads more like <paramref name="id"/>, each due a minute after the one before.</summary>
    private static void Copies(System.Data.Common.DbConnection connection, long id, int copies) => connection.Execute("""
        INSERT INTO response_thread (compatriot_id, unknown_sender, module_id, channel, addressed_to, organization_id, language, state, assignee_id,
            received_at, last_in_at, due_at, first_due_at, first_answered_at, last_answered_at, last_message, gender, home_region)
        SELECT compatriot_id, unknown_sender, module_id, channel, addressed_to, organization_id, language, state, assignee_id,
            received_at, last_in_at,
            to_char((due_at::timestamptz + n * interval '1 minute') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            first_due_at, first_answered_at, last_answered_at, last_message, gender, home_region
        FROM response_thread, generate_series(1, @copies) AS n WHERE id = @id
        """, new { id, copies }, commandTimeout: 300);

    private static string Describe(IEnumerable<JsonElement> nodes) => string.Join("; ", nodes.Select(n =>
        $"{n.GetProperty("Node Type").GetString()} {(n.TryGetProperty("Index Name", out var index) ? index.GetString() : "")}: " +
        $"{PostgresPlan.Number(n, "Actual Rows")} rows, {PostgresPlan.Number(n, "Rows Removed by Filter")} removed"));

    public void Dispose() => _host.Dispose();
}
