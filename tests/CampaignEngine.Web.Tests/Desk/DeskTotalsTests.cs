using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Privacy;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Desk;

public sealed class DeskTotalsTestsOnSqlite() : DeskTotalsTests(TestHost.Sqlite);

public sealed class DeskTotalsTestsOnPostgreSql() : DeskTotalsTests(TestHost.PostgreSql);

/// <summary>
/// The desk's list scopes threads on their own home region and counts them from the counts kept per thread's values
/// (migration 0040): on random threads, after random staff actions, modules, corrected home regions and an erasure, it
/// lists and counts exactly what the old query — joined to the directory, counting the threads one by one — did.
/// </summary>
public abstract class DeskTotalsTests(string engine) : IDisposable
{
    private static readonly string[] Regions = ["KG-Y", "KG-N", "KG-T", "KG-B", "KG-J", "KG-O", "KG-GB"];
    private static readonly string[] ModuleIds = ["issyk-kul", "naryn", "talas", "batken", "jalal-abad", "national"];
    private static readonly string[] Channels = ["whatsapp", "telegram", "sms", "email", "web"];

    private readonly TestHost _host = new(engine);
    private readonly Random _random = new(1640);
    private readonly List<long> _people = [];
    private readonly List<long> _organizations = [];
    private readonly List<CurrentUser> _users = [];

    private IServiceProvider Services => _host.Services;

    [SkippableFact]
    public void Scoped_on_the_threads_own_region_the_list_holds_and_counts_what_the_join_to_the_directory_did()
    {
        SeedDesk();
        MoveSomePeopleToAnotherRegion();
        var queries = Services.GetRequiredService<DeskQueries>();
        var staff = _users.First(u => u.Role == Roles.Officer);

        foreach (var user in _users)
            foreach (var filter in Filters(staff.Id))
            {
                var expected = OldJoin(user, filter);
                var listed = AllPages(queries, user, filter, out var total);
                Assert.True(expected.SequenceEqual(listed), $"{user.Login} {filter}: the join lists {expected.Count}, the desk {listed.Count}");
                Assert.Equal(expected.Count, total);
            }
    }

    [SkippableFact]
    public void The_kept_counts_equal_the_threads_counted_after_every_kind_of_write()
    {
        SeedDesk();
        MoveSomePeopleToAnotherRegion();
        Services.GetRequiredService<PersonalData>().Erase(_people[0]);

        using var connection = Open();
        var counted = connection.Query<string>("""
            SELECT COALESCE(home_region, '') || '|' || module_id || '|' || COALESCE(organization_id, 0) || '|' || state || '|' || channel || '|'
                   || COALESCE(assignee_id, 0) || '|' || topics || '|' || (CASE WHEN due_at IS NOT NULL THEN 1 ELSE 0 END) || '=' || COUNT(*)
            FROM response_thread
            GROUP BY COALESCE(home_region, ''), module_id, COALESCE(organization_id, 0), state, channel, COALESCE(assignee_id, 0), topics,
                     CASE WHEN due_at IS NOT NULL THEN 1 ELSE 0 END
            """).Order(StringComparer.Ordinal).ToList();
        var kept = connection.Query<string>("""
            SELECT home_region || '|' || module_id || '|' || organization_id || '|' || state || '|' || channel || '|' || assignee_id || '|' || topics || '|' || waiting || '=' || n
            FROM response_thread_count
            """).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(counted, kept);
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM response_thread_count WHERE n <= 0"));
    }

    [SkippableFact]
    public void A_persons_corrected_home_region_moves_their_threads_to_the_new_regions_administration()
    {
        SeedDesk();
        using var connection = Open();
        var person = connection.ExecuteScalar<long>(
            "SELECT compatriot_id FROM response_thread WHERE compatriot_id IS NOT NULL GROUP BY compatriot_id ORDER BY COUNT(*) DESC, compatriot_id LIMIT 1");
        // Questions to the state as a whole: the region alone decides which oblast sees them.
        connection.Execute("UPDATE response_thread SET module_id = 'national', organization_id = NULL WHERE compatriot_id = @person", new { person });
        var from = connection.ExecuteScalar<string>("SELECT home_region FROM directory_compatriot WHERE id = @person", new { person })!;
        var to = Regions.First(r => r != from);

        connection.Execute("UPDATE directory_compatriot SET home_region = @to WHERE id = @person", new { to, person });

        Assert.Equal([to], connection.Query<string>("SELECT DISTINCT home_region FROM response_thread WHERE compatriot_id = @person", new { person }));
        var threads = connection.Query<long>("SELECT id FROM response_thread WHERE compatriot_id = @person", new { person }).ToList();
        Assert.NotEmpty(threads);
        var queries = Services.GetRequiredService<DeskQueries>();
        var oldOblast = _users.Single(u => u.Role == Roles.Oblast && u.Region == from);
        var newOblast = _users.Single(u => u.Role == Roles.Oblast && u.Region == to);
        Assert.All(threads, id => Assert.Null(queries.Item(oldOblast, id)));
        Assert.All(threads, id => Assert.NotNull(queries.Item(newOblast, id)));
    }

    private static IEnumerable<DeskFilter> Filters(long assigneeId) =>
    [
        new(), new() { State = "assigned" }, new() { State = "closed" }, new() { Channel = "sms" }, new() { Topic = "documents" },
        new() { ModuleId = "issyk-kul" }, new() { AssigneeId = assigneeId }, new() { Overdue = true }, new() { Overdue = true, Channel = "whatsapp" },
        new() { Overdue = true, Topic = "pensions", State = "assigned" },
    ];

    /// <summary>People of every region, threads through the real intake, then the staff actions that move them.</summary>
    private void SeedDesk()
    {
        _ = _host.Server;
        for (var i = 0; i < 3; i++)
            _organizations.Add(TestCompatriots.Scalar(_host, $"INSERT INTO directory_organization (name, created_at) VALUES ('Org {i}', '2026-01-01T00:00:00.000Z') RETURNING id"));
        for (var i = 0; i < 60; i++)
            _people.Add(TestCompatriots.Insert(_host, new($"Person {i}", i % 2 == 0 ? "female" : "male", Regions[i % Regions.Length], "RU",
                Phone: $"+7900000{i:0000}", OrganizationId: i % 4 == 0 ? _organizations[i % 3] : null)));
        _users.Add(new CurrentUser(Security.Users.Create(_host, "officer", Roles.Officer), "officer", Roles.Officer, null, null));
        foreach (var region in Regions)
        {
            var login = "oblast-" + region;
            _users.Add(new CurrentUser(Security.Users.Create(_host, login, Roles.Oblast, region), login, Roles.Oblast, region, null));
        }
        _users.Add(new CurrentUser(Security.Users.Create(_host, "leader", Roles.Leader, organizationId: _organizations[0]), "leader", Roles.Leader, null, _organizations[0]));
        var intake = Services.GetRequiredService<DeskIntake>();
        var now = DateTimeOffset.UtcNow;
        var threads = new List<long>();
        for (var i = 0; i < 400; i++)
        {
            var at = now.AddHours(-_random.Next(24 * 60));
            var item = _random.Next(12) == 0
                ? new InboundItem("sms", $"Unknown {i}", at) { UnknownSender = $"+99670000{i:0000}" }
                : new InboundItem(Channels[_random.Next(Channels.Length)], $"Question {i}", at)
                {
                    CompatriotId = _people[_random.Next(_people.Count)], OpensThread = _random.Next(3) == 0,
                    OrganizationId = _random.Next(8) == 0 ? _organizations[_random.Next(_organizations.Count)] : null,
                };
            threads.Add(intake.Receive(item)!.ThreadId);
        }
        ActOnSome(threads.Distinct().ToList());
    }

    private void ActOnSome(List<long> threads)
    {
        var desk = Services.GetRequiredService<DeskThreads>();
        var admin = _users[0];
        var topics = DeskTopics.All;
        using (var connection = Open())
            foreach (var id in threads.Where(_ => _random.Next(5) == 0))
                // A reply to a campaign of another module: the thread is that module's.
                connection.Execute("UPDATE response_thread SET module_id = @module WHERE id = @id", new { module = ModuleIds[_random.Next(ModuleIds.Length)], id });
        foreach (var id in threads)
        {
            switch (_random.Next(6))
            {
                case 0: Assert.True(desk.Assign(admin, id, admin.Id).Ok); break;
                case 1: Assert.True(desk.Tag(admin, id, [topics[_random.Next(topics.Count)], topics[_random.Next(topics.Count)]]).Ok); break;
                case 2: Assert.True(desk.Close(admin, id).Ok); break;
                case 3: Assert.True(desk.Forward(admin, id, "Social Fund", null).Ok); break;
                case 4:
                    Assert.True(desk.Assign(admin, id, admin.Id).Ok);
                    Assert.True(desk.Tag(admin, id, ["pensions"]).Ok);
                    break;
            }
        }
    }

    /// <summary>A fifth of the people get another home region after their threads opened (a corrected record, an import).</summary>
    private void MoveSomePeopleToAnotherRegion()
    {
        using var connection = Open();
        foreach (var person in _people.Where(_ => _random.Next(5) == 0))
            connection.Execute("UPDATE directory_compatriot SET home_region = @region WHERE id = @person",
                new { region = Regions[_random.Next(Regions.Length)], person });
    }

    /// <summary>The desk's query before migration 0040: the person's region read from the directory, every thread counted.</summary>
    private List<long> OldJoin(CurrentUser user, DeskFilter filter)
    {
        var scope = AccessScope.Of(user);
        var modules = scope.ModulesActedFor(Services.GetRequiredService<ModuleRegistry>()).Select(m => m.Id).ToList();
        var condition = user.Role switch
        {
            Roles.Officer => "1 = 1",
            Roles.Oblast => "(p.home_region = @region OR t.module_id IN @modules)",
            _ => "t.organization_id = @organization",
        };
        var clauses = new List<string> { condition };
        if (filter.State is not null) clauses.Add("t.state = @State");
        if (filter.ModuleId is not null) clauses.Add("t.module_id = @ModuleId");
        if (filter.Channel is not null) clauses.Add("t.channel = @Channel");
        if (filter.AssigneeId is not null) clauses.Add("t.assignee_id = @AssigneeId");
        if (filter.Topic is not null) clauses.Add("(';' || t.topics || ';') LIKE '%;' || @Topic || ';%'");
        if (filter.Overdue) clauses.Add("t.due_at IS NOT NULL AND t.due_at < @now AND t.state IN ('new', 'assigned')");
        using var connection = Open();
        return connection.Query<long>(SqlList.On(connection, $"""
            SELECT t.id FROM response_thread t LEFT JOIN directory_compatriot p ON p.id = t.compatriot_id
            WHERE {string.Join(" AND ", clauses)} ORDER BY t.id
            """), new
        {
            region = user.Region, modules, organization = user.OrganizationId, filter.State, filter.ModuleId, filter.Channel, filter.AssigneeId,
            filter.Topic, now = DateTimeOffset.UtcNow,
        }).ToList();
    }

    private static List<long> AllPages(DeskQueries queries, CurrentUser user, DeskFilter filter, out int total)
    {
        var ids = new List<long>();
        total = -1;
        for (var page = 1; ; page++)
        {
            var list = queries.List(user, filter with { Page = page, PageSize = DeskFilter.MaxPageSize });
            total = list.Total;
            ids.AddRange(list.Items.Select(i => i.Id));
            if (list.Items.Count < DeskFilter.MaxPageSize) break;
        }
        return [.. ids.Order()];
    }

    private System.Data.Common.DbConnection Open()
    {
        _ = _host.Server;
        return _host.OpenDatabase();
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
