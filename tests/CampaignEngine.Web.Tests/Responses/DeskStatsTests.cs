using System.Net;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class DeskStatsTestsOnSqlite() : DeskStatsTests(TestHost.Sqlite);

public sealed class DeskStatsTestsOnPostgreSql() : DeskStatsTests(TestHost.PostgreSql);

/// <summary>
/// The desk's figures on a crafted set whose answers are worked out by hand: Issyk-Kul received six questions on
/// 1 June (women after 60, 180 and 600 minutes, the last after its 5-hour deadline; a man after 120 minutes, another
/// unanswered; an unknown sender unanswered), Naryn two, Talas one at each edge of the 90-day window.
/// </summary>
public abstract class DeskStatsTests : IDisposable
{
    // 12:00 in Bishkek on 15 June: the last 90 days are 18 March to 15 June.
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset June1 = new(2026, 6, 1, 4, 0, 0, TimeSpan.Zero);

    private readonly TestHost _host;
    private readonly long _aigul, _bakyt;

    protected DeskStatsTests(string engine)
    {
        _host = new(engine) { Customize = StoppedClock.At(Now) };
        _aigul = Security.Users.Create(_host, "aigul", Roles.Oblast, "KG-Y");
        _bakyt = Security.Users.Create(_host, "bakyt", Roles.Oblast, "KG-Y");
        Add(new("issyk-kul", "female", June1, 60) { AssigneeId = _aigul });
        Add(new("issyk-kul", "female", June1, 180) { AssigneeId = _aigul });
        Add(new("issyk-kul", "female", June1, 600, DueAfterHours: 5) { AssigneeId = _bakyt });
        Add(new("issyk-kul", "male", June1, 120) { AssigneeId = _bakyt });
        Add(new("issyk-kul", "male", June1));
        Add(new("issyk-kul", "unknown", June1) { HomeRegion = null, UnknownSender = "stranger@example.org" });
        Add(new("naryn", "female", June1, 30) { HomeRegion = "KG-N" });
        Add(new("naryn", "male", June1) { HomeRegion = "KG-N" });
        // 18 March 01:00 in Bishkek (inside the window), and 17 March 23:00 (outside it).
        Add(new("talas", "male", new DateTimeOffset(2026, 3, 17, 19, 0, 0, TimeSpan.Zero)) { HomeRegion = "KG-T" });
        Add(new("talas", "male", new DateTimeOffset(2026, 3, 17, 17, 0, 0, TimeSpan.Zero)) { HomeRegion = "KG-T" });
    }

    private void Add(DeskThread thread) =>
        DeskStatsData.Insert(_host, thread with { HomeRegion = thread.HomeRegion ?? (thread.Gender == "unknown" ? null : "KG-Y"), CompatriotId = null });

    [SkippableFact]
    public async Task A_modules_figures_count_the_median_the_deadline_and_each_gender_right()
    {
        var stats = await _host.AdminClient().GetJson("/api/inbox/stats");

        Assert.Equal("2026-03-18", (string)stats["from"]!);
        Assert.Equal("2026-06-15", (string)stats["to"]!);
        var issykKul = Module(stats, "issyk-kul");
        AssertFigures(issykKul, received: 6, answered: 4, median: 2.5, withinSla: 0.5);
        AssertFigures(issykKul["byGender"]!["female"]!, received: 3, answered: 3, median: 3.0, withinSla: 0.667);
        AssertFigures(issykKul["byGender"]!["male"]!, received: 2, answered: 1, median: 2.0, withinSla: 0.5);
        AssertFigures(issykKul["byGender"]!["unknown"]!, received: 1, answered: 0, median: null, withinSla: 0);
        AssertFigures(issykKul["byGender"]!["other"]!, received: 0, answered: 0, median: null, withinSla: 0);
    }

    [SkippableFact]
    public async Task An_assignees_figures_are_theirs_and_unassigned_threads_come_last()
    {
        var assignees = (await _host.AdminClient().GetJson("/api/inbox/stats"))["assignees"]!.AsArray();

        Assert.Equal(["aigul", "bakyt", null], assignees.Select(a => (string?)a!["login"]));
        AssertFigures(assignees[0]!, received: 2, answered: 2, median: 2.0, withinSla: 1);
        AssertFigures(assignees[1]!, received: 2, answered: 2, median: 6.0, withinSla: 0.5);
        Assert.Equal(_bakyt, (long)assignees[1]!["assigneeId"]!);
        Assert.Null(assignees[2]!["assigneeId"]);
        Assert.Equal(5, (long)assignees[2]!["received"]!);
    }

    [SkippableFact]
    public async Task The_window_is_ninety_Bishkek_days_by_default_and_any_dates_when_given()
    {
        var admin = _host.AdminClient();

        Assert.Equal(1, (long)Module(await admin.GetJson("/api/inbox/stats"), "talas")["received"]!);
        Assert.Equal(2, (long)Module(await admin.GetJson("/api/inbox/stats?from=2026-03-17&to=2026-06-15"), "talas")["received"]!);
        var june = await admin.GetJson("/api/inbox/stats?from=2026-06-02");
        Assert.Empty(june["modules"]!.AsArray());
    }

    [SkippableTheory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-06-10&to=2026-06-01", "from")]
    public async Task A_bad_period_is_refused_naming_the_field(string query, string field)
    {
        var response = await _host.AdminClient().GetAsync("/api/inbox/stats?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNode())["errors"]![field]);
    }

    [SkippableFact]
    public async Task An_oblast_user_counts_only_the_threads_of_their_natives_and_their_modules()
    {
        Add(new("national", "female", June1, 90) { HomeRegion = "KG-Y" });
        Add(new("national", "male", June1, 90) { HomeRegion = "KG-C" });
        var naryn = _host.ClientWithKey(await Security.Users.CreateWithKey(_host, "naryn.user", Roles.Oblast, "KG-N"));
        var issykKul = _host.ClientWithKey(await Security.Users.CreateWithKey(_host, "issyk.user", Roles.Oblast, "KG-Y"));

        var theirs = await naryn.GetJson("/api/inbox/stats");
        var ours = await issykKul.GetJson("/api/inbox/stats");

        Assert.Equal(["naryn"], theirs["modules"]!.AsArray().Select(m => (string)m!["moduleId"]!));
        Assert.Equal(2, (long)Module(theirs, "naryn")["received"]!);
        Assert.Equal(["issyk-kul", "national"], ours["modules"]!.AsArray().Select(m => (string)m!["moduleId"]!));
        Assert.Equal(1, (long)Module(ours, "national")["received"]!);
        Assert.Equal(2, (long)Module(await _host.AdminClient().GetJson("/api/inbox/stats"), "national")["received"]!);
    }

    [SkippableFact]
    public async Task A_leader_counts_only_the_questions_addressed_to_their_organisation()
    {
        var key = await Security.Users.CreateWithKey(_host, "leader.a", Roles.Leader, organization: true);
        var organization = TestCompatriots.Scalar(_host, "SELECT organization_id FROM auth_user WHERE login = 'leader.a'");
        Add(new("issyk-kul", "female", June1, 30) { OrganizationId = organization });

        var stats = await _host.ClientWithKey(key).GetJson("/api/inbox/stats");

        Assert.Equal(1, (long)Module(stats, "issyk-kul")["received"]!);
        Assert.Single(stats["modules"]!.AsArray());
    }

    [SkippableFact]
    public async Task The_stats_page_draws_charts_per_module_and_assignee_in_the_users_scope()
    {
        var issykKul = await Security.Users.SignInAsync(_host, "issyk.page", Roles.Oblast, "KG-Y");

        var html = await issykKul.GetStringAsync("/desk/stats?lang=en");

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"issyk-kul\" data-gender=\"female\"", html, StringComparison.Ordinal);
        Assert.Contains("data-key=\"" + _aigul + "\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-key=\"naryn\"", html, StringComparison.Ordinal);
        Assert.Contains("Median hours to first answer", html, StringComparison.Ordinal);
        var bad = await issykKul.GetAsync("/desk/stats?from=not-a-date");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"period-error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static JsonNode Module(JsonNode stats, string moduleId) =>
        stats["modules"]!.AsArray().Single(m => (string)m!["moduleId"]! == moduleId)!;

    private static void AssertFigures(JsonNode figures, long received, long answered, double? median, double withinSla)
    {
        Assert.Equal(received, (long)figures["received"]!);
        Assert.Equal(answered, (long)figures["answered"]!);
        Assert.Equal(median, (double?)figures["medianHoursToFirstAnswer"]);
        Assert.Equal(withinSla, (double)figures["withinSlaShare"]!, 3);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
