using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class DeskStatsTotalsTestsOnSqlite() : DeskStatsTotalsTests(TestHost.Sqlite);

public sealed class DeskStatsTotalsTestsOnPostgreSql() : DeskStatsTotalsTests(TestHost.PostgreSql);

/// <summary>
/// The daily rows that migration 0033's triggers keep must give exactly what the threads give, after any mix of the
/// writes the product makes: threads opened, assigned and reassigned, answered, given a later deadline, linked to a
/// person, moved, deleted (erasure). Random data, a fixed seed per case; compared for several periods and scopes.
/// </summary>
public abstract class DeskStatsTotalsTests(string engine) : IDisposable
{
    private static readonly string[] Modules = ["issyk-kul", "naryn", "talas", "batken", "jalal-abad", "national"];
    private static readonly string[] Regions = ["KG-Y", "KG-N", "KG-T", "KG-B", "KG-J", "KG-C", "KG-O"];
    private static readonly string[] Genders = ["female", "male", "other", "unknown"];
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestHost _host = new(engine);

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_kept_figures_equal_the_figures_from_the_threads(int seed)
    {
        var random = new Random(seed);
        var people = Enumerable.Range(0, 20).Select(i => TestCompatriots.Insert(_host,
            new($"Person {i}", Genders[random.Next(Genders.Length)], Regions[random.Next(Regions.Length)], "RU"))).ToList();
        var staff = Enumerable.Range(0, 4).Select(i => Security.Users.Create(_host, $"staff{i}", Roles.Oblast, Regions[i])).ToList();
        using (var connection = _host.OpenDatabase())
        {
            var ids = Enumerable.Range(0, 300).Select(_ => DeskStatsData.Insert(connection, RandomThread(random, staff))).ToList();
            foreach (var _ in Enumerable.Range(0, 400))
                Change(connection, random, ids[random.Next(ids.Count)], people[random.Next(people.Count)], staff[random.Next(staff.Count)]);
        }
        var stats = _host.Services.GetRequiredService<DeskStats>();
        var organization = TestCompatriots.Scalar(_host, "SELECT MIN(organization_id) FROM response_thread WHERE organization_id IS NOT NULL");
        AccessScope[] scopes =
        [
            AccessScope.Everything,
            AccessScope.Of(new CurrentUser(1, "o", Roles.Oblast, "KG-Y", null)),
            AccessScope.Of(new CurrentUser(2, "o", Roles.Oblast, "KG-C", null)),
            AccessScope.Of(new CurrentUser(3, "l", Roles.Leader, null, organization)),
        ];
        // A year, a quarter with days before and after its weeks, one whole week (Monday to Sunday), days of two weeks
        // without a whole one, one day.
        DeskPeriod[] periods =
        [
            new(new(2026, 1, 1), new(2026, 12, 31)), new(new(2026, 2, 10), new(2026, 5, 10)), new(new(2026, 3, 2), new(2026, 3, 8)),
            new(new(2026, 3, 4), new(2026, 3, 10)), new(new(2026, 3, 3), new(2026, 3, 3)),
        ];

        Assert.True(stats.For(periods[0], AccessScope.Everything).Modules.Sum(m => m.Total.Answered) > 50, "the random threads are counted");
        foreach (var scope in scopes)
            foreach (var period in periods)
                Assert.Equal(JsonSerializer.Serialize(stats.FromThreads(period, scope)), JsonSerializer.Serialize(stats.For(period, scope)));
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_stat WHERE received <= 0"));
        Assert.Equal(DailyRowsByWeek(), WeeklyRows());
    }

    [SkippableFact]
    public void An_upgrade_in_place_builds_the_weeks_from_the_days_already_kept()
    {
        Skip.If(engine == TestHost.PostgreSql, "replays SQLite's migration 0046; PostgreSQL starts from the baseline, which has the weekly rows.");
        var random = new Random(4);
        var staff = Enumerable.Range(0, 3).Select(i => Security.Users.Create(_host, $"staff{i}", Roles.Oblast, Regions[i])).ToList();
        using var connection = _host.OpenDatabase();
        foreach (var _ in Enumerable.Range(0, 200)) DeskStatsData.Insert(connection, RandomThread(random, staff));
        var kept = WeeklyRows();

        // Migration 0046 up to its triggers, as it ran on a database that had only the daily rows.
        var script = MigrationScript("0046_desk_weekly_figures.sql");
        connection.Execute("DROP TABLE response_stat_week");
        connection.Execute(script[..script.IndexOf("DROP TRIGGER", StringComparison.Ordinal)]);

        Assert.True(kept.Count > 50, "the random threads make many weekly rows");
        Assert.Equal(kept, WeeklyRows());
        Assert.Equal(DailyRowsByWeek(), WeeklyRows());
    }

    /// <summary>
    /// A week's figure row is rewritten by every thread of its week. Migration 0063 leaves half of each page of the figure
    /// tables free on PostgreSQL, so a rewrite goes on the row's own page (a HOT update) even within the transaction that
    /// made the page's rows: filled to the brim, the rewritten rows of a busy desk spread over the whole table, and the
    /// figures of 90 days read thousands of pages (docs/benchmarks.md, session 25).
    /// </summary>
    [SkippableFact]
    public void On_postgresql_the_figure_rows_of_a_busy_week_are_rewritten_on_their_own_pages()
    {
        Skip.If(engine != TestHost.PostgreSql, "PostgreSQL's pages: SQLite rewrites a row in its B-tree page.");
        _ = _host.Server;
        // 168 cells of one day and week: enough rows to fill several pages.
        var cells = (from module in Modules.Take(6) from gender in Genders from region in Regions select (module, gender, region)).ToList();
        using var connection = _host.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        foreach (var round in new[] { 0, 1 })
            foreach (var (module, gender, region) in cells)
                DeskStatsData.Insert(connection, new DeskThread(module, gender, Start.AddHours(3).AddMinutes(round)) { HomeRegion = region });
        var rewrites = connection.Query<(string Table, long Updated, long InPlace)>("""
            SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname IN ('response_stat', 'response_stat_week')
            """, transaction: transaction).ToList();

        Assert.Equal(2, rewrites.Count);
        foreach (var (table, updated, inPlace) in rewrites)
        {
            Assert.True(updated == cells.Count, $"{table}: {updated} rows rewritten, {cells.Count} expected");
            Assert.True(inPlace == updated, $"{table}: {inPlace} of {updated} rewrites on the row's own page");
        }
    }

    private static string MigrationScript(string name)
    {
        var assembly = typeof(DeskStats).Assembly;
        using var stream = assembly.GetManifestResourceStream($"CampaignEngine.Web.Infrastructure.Database.Migrations.{name}")!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The daily rows added up per week (Monday to Sunday) and group, waits merged: what the weekly rows must hold.</summary>
    private List<string> DailyRowsByWeek()
    {
        using var connection = _host.OpenDatabase();
        return connection.Query<(string Day, string Group, long Received, long Answered, long WithinSla, string Waits)>("""
                SELECT day, module_id || '/' || home_region || '/' || organization_id || '/' || assignee_id || '/' || gender, received, answered, within_sla, waits
                FROM response_stat
                """)
            .GroupBy(r => (Week: Monday(DateOnly.Parse(r.Day, System.Globalization.CultureInfo.InvariantCulture)), r.Group))
            .Select(g => Row(g.Key.Week, g.Key.Group, g.Sum(r => r.Received), g.Sum(r => r.Answered), g.Sum(r => r.WithinSla),
                g.SelectMany(r => JsonSerializer.Deserialize<Dictionary<string, long>>(r.Waits)!).GroupBy(w => w.Key).ToDictionary(w => w.Key, w => w.Sum(x => x.Value))))
            .Order(StringComparer.Ordinal).ToList();
    }

    private List<string> WeeklyRows()
    {
        using var connection = _host.OpenDatabase();
        return connection.Query<(string Week, string Group, long Received, long Answered, long WithinSla, string Waits)>("""
                SELECT week, module_id || '/' || home_region || '/' || organization_id || '/' || assignee_id || '/' || gender, received, answered, within_sla, waits
                FROM response_stat_week
                """)
            .Select(r => Row(DateOnly.Parse(r.Week, System.Globalization.CultureInfo.InvariantCulture), r.Group, r.Received, r.Answered, r.WithinSla,
                JsonSerializer.Deserialize<Dictionary<string, long>>(r.Waits)!))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string Row(DateOnly week, string group, long received, long answered, long withinSla, Dictionary<string, long> waits) =>
        $"{week:yyyy-MM-dd} {group} {received} {answered} {withinSla} " + string.Join(",", waits.OrderBy(w => int.Parse(w.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(w => $"{w.Key}:{w.Value}"));

    [SkippableFact]
    public void A_thread_from_the_intake_keeps_the_persons_gender_and_region_and_counts_its_answer()
    {
        var person = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-N", "DE"));
        var admin = new CurrentUser(1, "admin", Roles.Admin, null, null);
        var received = _host.Services.GetRequiredService<DeskIntake>().Receive(new InboundItem("whatsapp", "Салам", DateTimeOffset.UtcNow) { CompatriotId = person })!;

        Assert.True(_host.Services.GetRequiredService<DeskThreads>().Answer(admin, received.ThreadId, "Жооп").Ok);

        var stats = _host.Services.GetRequiredService<DeskStats>().For(DeskPeriod.LastDays(DateTimeOffset.UtcNow), AccessScope.Everything);
        var naryn = Assert.Single(stats.Modules);
        Assert.Equal("naryn", naryn.Key);
        Assert.Equal((1, 1), (naryn.ByGender["female"].Received, naryn.ByGender["female"].Answered));
        Assert.Equal(1, Assert.Single(stats.Assignees).Total.Answered);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM response_thread WHERE gender = 'female' AND home_region = 'KG-N'"));
    }

    private static DeskThread RandomThread(Random random, List<long> staff) =>
        new(Modules[random.Next(Modules.Length)], Genders[random.Next(Genders.Length)], Start.AddMinutes(random.Next(365 * 24 * 60)),
            random.Next(3) == 0 ? null : random.Next(0, 30 * 24 * 60), DueAfterHours: random.Next(1, 20 * 24))
        {
            HomeRegion = random.Next(5) == 0 ? null : Regions[random.Next(Regions.Length)],
            AssigneeId = random.Next(3) == 0 ? null : staff[random.Next(staff.Count)],
            OrganizationId = random.Next(4) == 0 ? random.Next(1, 3) : null,
        };

    /// <summary>One of the writes the product makes to a thread, chosen at random.</summary>
    private static void Change(System.Data.Common.DbConnection connection, Random random, long id, long person, long assignee)
    {
        var at = DeskStatsData.Utc(Start.AddMinutes(random.Next(400 * 24 * 60)));
        var (sql, values) = random.Next(7) switch
        {
            0 => ("UPDATE response_thread SET assignee_id = @value, state = 'assigned' WHERE id = @id", (object?)assignee),
            1 => ("UPDATE response_thread SET first_answered_at = COALESCE(first_answered_at, @value), last_answered_at = @value, due_at = NULL, state = 'answered' WHERE id = @id", at),
            2 => ("UPDATE response_thread SET first_due_at = @value WHERE id = @id", at),
            3 => ("UPDATE response_thread SET compatriot_id = @value, unknown_sender = NULL WHERE id = @id", person),
            4 => ("UPDATE response_thread SET module_id = @value WHERE id = @id", Modules[random.Next(Modules.Length)]),
            5 => ("UPDATE response_thread SET last_message = 'again', last_in_at = @value, state = 'new' WHERE id = @id", at),
            _ => ("DELETE FROM response_thread WHERE id = @id", null),
        };
        connection.Execute(sql, new { id, value = values });
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
