using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Responses;

/// <summary>
/// The desk's list is two runs, the threads waiting for an answer by due time and the others by their newest message,
/// each read off its own index up to the page. Overdue threads all wait, so the second run has nothing to give; PostgreSQL
/// still walked the newest-message index through every thread nothing waits for, looking for one that was also overdue
/// (1.3 s for the first overdue page of a million threads). The plan is read as PostgreSQL runs it, under
/// <c>EXPLAIN ANALYZE</c>, with statistics on the threads.
/// </summary>
public sealed class DeskPagePlanTests : IDisposable
{
    private const int Answered = 3_000;
    private const int Overdue = 5_000;
    private readonly TestHost _host = new(TestHost.PostgreSql);

    [SkippableFact]
    public void The_first_page_of_overdue_threads_reads_only_waiting_threads_off_the_due_time_index()
    {
        var longAgo = DateTimeOffset.UtcNow.AddDays(-30);
        _ = _host.Server;
        using var connection = _host.OpenDatabase();
        Copies(connection, DeskStatsData.Insert(connection, new DeskThread("issyk-kul", "female", longAgo, AnsweredAfterMinutes: 5)), Answered);
        Copies(connection, DeskStatsData.Insert(connection, new DeskThread("naryn", "male", longAgo, DueAfterHours: 24)), Overdue);
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
            Assert.True(read <= 2 * filter.PageSize, $"The overdue page read {read} threads for {user.Login}'s page of {filter.PageSize}: {Describe(threads)}");
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
        """, new { id, copies });

    private static string Describe(IEnumerable<JsonElement> nodes) => string.Join("; ", nodes.Select(n =>
        $"{n.GetProperty("Node Type").GetString()} {(n.TryGetProperty("Index Name", out var index) ? index.GetString() : "")}: " +
        $"{PostgresPlan.Number(n, "Actual Rows")} rows, {PostgresPlan.Number(n, "Rows Removed by Filter")} removed"));

    public void Dispose() => _host.Dispose();
}
