using System.Net;
using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class CompatriotsApiTestsOnSqlite(CompatriotsApiTests.OnSqlite fixture) : CompatriotsApiTests(fixture), IClassFixture<CompatriotsApiTests.OnSqlite>;

public sealed class CompatriotsApiTestsOnPostgreSql(CompatriotsApiTests.OnPostgreSql fixture) : CompatriotsApiTests(fixture), IClassFixture<CompatriotsApiTests.OnPostgreSql>;

/// <summary>A small known directory: 30 people, so every filter has an exact expected total; on both engines (ADR 0012).</summary>
public abstract class CompatriotsApiTests(CompatriotsApiTests.Fixture fixture)
{
    public abstract class Fixture(string engine) : IAsyncLifetime, IDisposable
    {
        private TestHost? _host;
        private SkipException? _unavailable;

        /// <summary>The directory's host; a missing PostgreSQL cluster skips each test instead of failing the class's fixture.</summary>
        public TestHost Host => _host ?? throw _unavailable!;

        public long Naryn { get; private set; }

        public async Task InitializeAsync()
        {
            try { _host = new TestHost(engine); }
            catch (SkipException unavailable) { _unavailable = unavailable; return; }
            var admin = Host.AdminClient();
            Naryn = await CreateOrganization(admin, "Фонд нарынского землячества", "RU", "Moscow");
            var rows = new List<string>();
            // 12 Issyk-Kul natives: 6 women and 4 men in AE, 2 women in RU (Moscow).
            for (var i = 0; i < 6; i++) rows.Add(Person($"yf-{i}", $"Айгүл Асанова {i}", "ж", country: "AE", city: "Dubai", phone: $"+971 50 123 45{i:D2}"));
            for (var i = 0; i < 4; i++) rows.Add(Person($"ym-{i}", $"Бакыт Осмонов {i}", "м", country: "AE", city: "Dubai", phone: $"+971 50 765 43{i:D2}"));
            for (var i = 0; i < 2; i++) rows.Add(Person($"yr-{i}", $"Жылдыз Үсөнова {i}", "ж", city: "Moscow", language: "ru"));
            // 18 Naryn natives in Moscow: 8 members of the Naryn fund.
            for (var i = 0; i < 18; i++)
                rows.Add(Person($"n-{i}", $"Чыңгыз Төлөгөнов {i}", i % 3 == 0 ? "ж" : "м", region: "naryn", city: "Moscow",
                    organization: i < 8 ? "фонд НАРЫНСКОГО землячества" : ""));
            var (status, body) = await Import(admin, Csv(rows.ToArray()));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(30, body.GetProperty("imported").GetInt32());
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            _host?.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    public sealed class OnSqlite() : Fixture(TestHost.Sqlite);

    public sealed class OnPostgreSql() : Fixture(TestHost.PostgreSql);

    private readonly Fixture _fixture = fixture;

    [SkippableTheory]
    [InlineData("", 30)]
    [InlineData("?region=KG-Y", 12)]
    [InlineData("?region=issyk-kul", 12)]
    [InlineData("?region=issyk-kul&country=AE", 10)]
    [InlineData("?region=KG-Y&country=ae&gender=female", 6)]
    [InlineData("?gender=male", 16)]
    [InlineData("?country=RU", 20)]
    [InlineData("?region=naryn&gender=female", 6)]
    [InlineData("?language=ru", 2)]
    [InlineData("?search=ҮСӨНОВА", 2)]
    [InlineData("?search=%25", 0)]
    [InlineData("?search=aigul", 6)]                   // the picker's rule: Latin letters find Cyrillic names
    [InlineData("?search=%D0%B6%D1%8B%D0%BB", 2)]      // жыл: the beginning of a word
    [InlineData("?search=%2B971%2050%20765", 4)]       // a phone as written
    [InlineData("?search=yf-", 6)]                     // the beginning of an external id
    [InlineData("?search=sova", 0)]                    // not the middle of a word
    public async Task List_filters_give_exact_totals(string query, int total)
    {
        var body = await Get(_fixture.Host.AdminClient(), "/api/compatriots" + query);
        Assert.Equal(total, body.GetProperty("total").GetInt32());
    }

    [SkippableFact]
    public void The_lists_search_reads_the_term_index_never_the_whole_directory()
    {
        Skip.If(_fixture.Host.Engine == TestHost.PostgreSql, "reads SQLite's query plan (EXPLAIN QUERY PLAN); PostgreSQL plans by its own statistics.");
        var queries = _fixture.Host.Services.GetRequiredService<CompatriotQueries>();
        foreach (var user in new[] { new CurrentUser(1, "officer", Roles.Officer, null, null), new CurrentUser(2, "oblast", Roles.Oblast, "KG-N", null) })
        {
            var plan = Assert.Single(queries.Plan(new CompatriotFilter(null, null, null, null, "Айгүл Асанова", 1, 50), user));
            Assert.DoesNotContain(plan, step => step.StartsWith("SCAN directory_compatriot", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.StartsWith("SEARCH directory_compatriot USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.StartsWith("SEARCH s USING", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The list as staff first open it, on a million people: its page walks the list's order (migration 0058) instead of
    /// sorting everyone in the scope, and its counts sum the audience cells instead of grouping the people; a leader's
    /// counts are their members', through the organisation's index (the cells do not count by organisation).
    /// </summary>
    [SkippableFact]
    public void The_unsearched_list_walks_the_name_order_and_counts_from_the_audience_cells()
    {
        Skip.If(_fixture.Host.Engine == TestHost.PostgreSql, "reads SQLite's query plan (EXPLAIN QUERY PLAN); PostgreSQL plans by its own statistics.");
        var queries = _fixture.Host.Services.GetRequiredService<CompatriotQueries>();
        var everyone = new CompatriotFilter(null, null, null, null, null, 3, 50);
        (CurrentUser User, string Index)[] cases =
        [
            (new CurrentUser(1, "officer", Roles.Officer, null, null), "ix_compatriot_name"),
            (new CurrentUser(2, "oblast", Roles.Oblast, "KG-N", null), "ix_compatriot_region_name"),
        ];
        foreach (var (user, index) in cases)
        {
            var plans = queries.Plan(everyone, user);
            Assert.Equal(2, plans.Count);
            Assert.Contains(plans[0], step => step.Contains("directory_audience_cell", StringComparison.Ordinal));
            Assert.DoesNotContain(plans[0], step => step.Contains("directory_compatriot", StringComparison.Ordinal));
            Assert.EndsWith($"directory_compatriot USING INDEX {index}", Assert.Single(plans[1]).Split(" (")[0], StringComparison.Ordinal);
            Assert.DoesNotContain(plans[1], step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
        var leader = queries.Plan(everyone, new CurrentUser(3, "leader", Roles.Leader, null, 1));
        Assert.Contains(leader[0], step => step.Contains("directory_compatriot USING", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task List_pages_through_everyone_once()
    {
        var admin = _fixture.Host.AdminClient();
        var seen = new List<long>();
        for (var page = 1; page <= 4; page++)
        {
            var body = await Get(admin, $"/api/compatriots?pageSize=8&page={page}");
            Assert.Equal(30, body.GetProperty("total").GetInt32());
            var items = body.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(page < 4 ? 8 : 6, items.Count);
            seen.AddRange(items.Select(i => i.GetProperty("id").GetInt64()));
        }
        Assert.Equal(30, seen.Distinct().Count());
    }

    /// <summary>
    /// A search reads its people once for its counts and page (<c>CompatriotQueries.Searched</c>): its pages hold each match
    /// once, in the order of the whole list, with the same fields the list gives, and the total counts them all.
    /// </summary>
    [SkippableTheory]
    [InlineData("aigul", 6)]
    [InlineData("yf-", 6)]
    [InlineData("%2B971%2050%20765", 4)]
    public async Task A_searched_list_pages_through_its_people_once_in_the_whole_lists_order(string search, int total)
    {
        var admin = _fixture.Host.AdminClient();
        var everyone = (await Get(admin, "/api/compatriots?pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        var seen = new List<System.Text.Json.JsonElement>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await Get(admin, $"/api/compatriots?search={search}&pageSize=4&page={page}");
            Assert.Equal(total, body.GetProperty("total").GetInt32());
            seen.AddRange(body.GetProperty("items").EnumerateArray());
        }
        var ids = seen.Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(total, ids.Distinct().Count());
        var inListOrder = everyone.Where(i => ids.Contains(i.GetProperty("id").GetInt64())).ToList();
        Assert.Equal(inListOrder.Select(i => i.GetRawText()), seen.Select(i => i.GetRawText()));
    }

    [SkippableFact]
    public async Task List_item_has_the_documented_fields()
    {
        var body = await Get(_fixture.Host.AdminClient(), "/api/compatriots?region=KG-Y&country=AE&pageSize=1");
        var item = body.GetProperty("items")[0];
        foreach (var field in new[] { "id", "externalId", "fullName", "gender", "birthYear", "homeRegion", "country", "city", "timeZone", "language", "willing", "organizationId", "channels" })
            Assert.True(item.TryGetProperty(field, out _), field);
        Assert.Equal("KG-Y", item.GetProperty("homeRegion").GetString());
        Assert.Equal("Asia/Dubai", item.GetProperty("timeZone").GetString());
        Assert.Equal(["whatsapp"], item.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
    }

    [SkippableTheory]
    [InlineData("?region=KG-X", "region")]
    [InlineData("?country=ZZ", "country")]
    [InlineData("?gender=woman", "gender")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    public async Task List_bad_filter_is_400_naming_the_field(string query, string field)
    {
        var response = await _fixture.Host.AdminClient().GetAsync("/api/compatriots" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [SkippableFact]
    public async Task Oblast_user_sees_only_natives_of_their_region()
    {
        var oblast = await ClientFor(_fixture.Host, "oblast.y." + Guid.NewGuid().ToString("N")[..6], "oblast", region: "issyk-kul");
        Assert.Equal(12, (await Get(oblast, "/api/compatriots")).GetProperty("total").GetInt32());
        // Asking for another region does not widen the scope.
        Assert.Equal(0, (await Get(oblast, "/api/compatriots?region=naryn")).GetProperty("total").GetInt32());
        var narynId = (await Get(_fixture.Host.AdminClient(), "/api/compatriots?region=naryn&pageSize=1")).GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await oblast.GetAsync($"/api/compatriots/{narynId}")).StatusCode);
    }

    [SkippableFact]
    public async Task Leader_sees_only_members_of_their_organisation()
    {
        var leader = await ClientFor(_fixture.Host, "leader." + Guid.NewGuid().ToString("N")[..6], "leader", organizationId: _fixture.Naryn);
        var body = await Get(leader, "/api/compatriots?pageSize=100");
        Assert.Equal(8, body.GetProperty("total").GetInt32());
        Assert.All(body.GetProperty("items").EnumerateArray(), i => Assert.Equal(_fixture.Naryn, i.GetProperty("organizationId").GetInt64()));
        var member = body.GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/compatriots/{member}")).StatusCode);
        var outsider = (await Get(_fixture.Host.AdminClient(), "/api/compatriots?region=KG-Y&pageSize=1")).GetProperty("items")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/compatriots/{outsider}")).StatusCode);
    }

    [SkippableFact]
    public async Task Get_unknown_id_is_404() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _fixture.Host.AdminClient().GetAsync("/api/compatriots/999999")).StatusCode);

    [SkippableFact]
    public async Task Api_without_key_is_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await _fixture.Host.CreateClient().GetAsync("/api/compatriots")).StatusCode);
}
