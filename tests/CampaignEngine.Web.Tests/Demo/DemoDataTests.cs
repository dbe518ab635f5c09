using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PhoneNumbers;

namespace CampaignEngine.Web.Tests.Demo;

public sealed class DemoDataTestsOnSqlite(DemoDataTests.DefaultDemo demo) : DemoDataTests(demo), IClassFixture<DemoDataTests.DefaultDemo>;

public sealed class DemoDataTestsOnPostgreSql(DemoDataTests.DefaultDemoOnPostgreSql demo) : DemoDataTests(demo), IClassFixture<DemoDataTests.DefaultDemoOnPostgreSql>;

/// <summary>The demo registry at its default size (6,000), started once for all the tests of a class, on each engine.</summary>
public abstract class DemoDataTests
{
    /// <summary>
    /// The demo host of one engine. It starts at the first test that asks, so a missing PostgreSQL cluster skips the
    /// tests instead of failing the class's fixture.
    /// </summary>
    public abstract class Demo(string engine) : IDisposable
    {
        private TestHost? _host;

        public TestHost Host => _host ??= Started(new TestHost(demo: true, demoCompatriots: new DemoOptions().Compatriots, engine: engine));

        public List<T> Query<T>(string sql)
        {
            using var connection = Host.OpenDatabase();
            return connection.Query<T>(sql).ToList();
        }

        public long Count(string where) => Query<long>($"SELECT COUNT(*) FROM directory_compatriot WHERE {where}")[0];

        public void Dispose()
        {
            _host?.Dispose();
            GC.SuppressFinalize(this);
        }

        private static TestHost Started(TestHost host)
        {
            host.CreateClient();
            return host;
        }
    }

    public sealed class DefaultDemo() : Demo(TestHost.Sqlite);

    public sealed class DefaultDemoOnPostgreSql() : Demo(TestHost.PostgreSql);

    private readonly Demo _demo;

    protected DemoDataTests(Demo demo) => _demo = demo;

    [SkippableFact]
    public void Default_settings_give_at_least_5000_compatriots()
    {
        Assert.True(new DemoOptions().Compatriots >= 5000);
        Assert.True(_demo.Count("1 = 1") >= 5000);
    }

    [SkippableFact]
    public void Gender_follows_the_survey()
    {
        var total = (double)_demo.Count("1 = 1");
        Assert.InRange(_demo.Count("gender = 'female'") / total, 0.52, 0.58);
        Assert.InRange(_demo.Count("gender = 'male'") / total, 0.40, 0.46);
        Assert.InRange(_demo.Count("gender IN ('other', 'unknown')"), 1, total * 0.05);
    }

    [SkippableFact]
    public void Every_regional_module_has_a_real_audience()
    {
        Assert.True(_demo.Count("home_region = 'KG-Y' AND country IN ('AE', 'CN', 'BE')") >= 300);
        Assert.True(_demo.Count("home_region = 'KG-N' AND country IN ('DE', 'QA')") >= 120);
        Assert.True(_demo.Count("home_region = 'KG-T' AND country IN ('CA', 'MY')") >= 80);
        Assert.True(_demo.Count("home_region = 'KG-B' AND country = 'KR'") >= 80);
        Assert.True(_demo.Count("home_region = 'KG-J' AND country = 'AT'") >= 120);
        Assert.True(_demo.Count("home_region = 'KG-GB' AND country IN ('CH', 'AT', 'BE')") >= 80);
        Assert.True(_demo.Count("home_region = 'KG-GB' AND country = 'CH'") > _demo.Count("home_region <> 'KG-GB' AND country = 'CH'"));
        // Osh and Chui oblasts and Osh city address their natives wherever they live.
        Assert.True(_demo.Count("home_region = 'KG-O'") >= 200);
        Assert.True(_demo.Count("home_region = 'KG-C'") >= 200);
        Assert.True(_demo.Count("home_region = 'KG-GO'") >= 800);
        // The national module: every region in Russia, Kazakhstan and Ukraine.
        foreach (var region in new[] { "KG-Y", "KG-N", "KG-T", "KG-B", "KG-J", "KG-O", "KG-C", "KG-GB", "KG-GO" })
            Assert.True(_demo.Count($"home_region = '{region}' AND country IN ('RU', 'KZ', 'UA')") >= 50, region);
        var byCountry = _demo.Query<(string Country, long N)>("SELECT country, COUNT(*) FROM directory_compatriot GROUP BY country ORDER BY 2 DESC");
        Assert.Equal("RU", byCountry[0].Country);
    }

    [SkippableFact]
    public void Russian_cities_carry_their_time_zones()
    {
        Assert.True(_demo.Count("city = 'Yakutsk' AND time_zone = 'Asia/Yakutsk'") > 0);
        Assert.Equal(0, _demo.Count("city = 'Yakutsk' AND time_zone <> 'Asia/Yakutsk'"));
        Assert.Equal(0, _demo.Count("country = 'RU' AND city = 'Novosibirsk' AND time_zone <> 'Asia/Novosibirsk'"));
        Assert.Equal(0, _demo.Count("time_zone = 'UTC'"));
    }

    [SkippableFact]
    public void Languages_channels_and_willingness_follow_the_report()
    {
        var total = (double)_demo.Count("1 = 1");
        Assert.True(_demo.Count("language = 'ky'") > _demo.Count("language = 'ru'"));
        Assert.True(_demo.Count("language = 'ru'") > _demo.Count("language = 'en'"));
        Assert.True(_demo.Count("language = 'en' AND country IN ('US','CA','GB','DE','FR','BE','SE','CH','AT','IT','PL')") > _demo.Count("language = 'en'") / 2);
        var whatsapp = _demo.Count("consent_whatsapp = 1");
        Assert.True(whatsapp > _demo.Count("consent_sms = 1") && whatsapp > _demo.Count("consent_telegram = 1") && whatsapp > _demo.Count("consent_email = 1"));
        Assert.InRange(_demo.Count("willing = 'yes'") / total, 0.77, 0.83);
        Assert.InRange(_demo.Count("willing = 'no'") / total, 0.02, 0.06);
        // Some cannot be reached at all: the audience view must be able to say how many.
        Assert.True(_demo.Count("consent_whatsapp + consent_telegram + consent_sms + consent_email = 0") > 0);
    }

    [SkippableFact]
    public void Addresses_exist_for_consented_channels_and_phones_are_valid()
    {
        Assert.Equal(0, _demo.Count("(consent_whatsapp = 1 OR consent_sms = 1) AND phone IS NULL"));
        Assert.Equal(0, _demo.Count("consent_email = 1 AND (email IS NULL OR email NOT LIKE '%_@_%._%')"));
        Assert.Equal(0, _demo.Count("consent_telegram = 1 AND telegram NOT LIKE '@%'"));
        var util = PhoneNumberUtil.GetInstance();
        foreach (var (phone, country) in _demo.Query<(string, string)>("SELECT phone, country FROM directory_compatriot WHERE phone IS NOT NULL"))
        {
            var number = util.Parse(phone, null);
            Assert.True(util.IsValidNumberForRegion(number, country), $"{phone} in {country}");
        }
        Assert.True(_demo.Count("consent_whatsapp = 1") <= _demo.Query<long>("SELECT COUNT(*) FROM directory_consent_event WHERE channel = 'whatsapp' AND granted = 1 AND source = 'demo'")[0]);
    }

    [SkippableFact]
    public void Names_are_Kyrgyz_with_Latin_for_the_second_generation()
    {
        var names = _demo.Query<string>("SELECT full_name FROM directory_compatriot");
        Assert.Contains(names, n => n.Contains('ң'));
        Assert.Contains(names, n => n.Contains('ө'));
        Assert.Contains(names, n => n.Contains('ү'));
        Assert.Contains(names, n => n.EndsWith(" уулу", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith(" кызы", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("ова", StringComparison.Ordinal));
        // Read here, not in SQL: SQLite's GLOB and PostgreSQL's regular expressions differ, and the engines' collations order letters differently.
        Assert.Contains(_demo.Query<string>("SELECT full_name FROM directory_compatriot WHERE language = 'en'"), n => char.IsAsciiLetterUpper(n[0]));
    }

    [SkippableFact]
    public void Organisations_have_members_and_demo_users_exist_per_role()
    {
        Assert.True(_demo.Query<long>("SELECT COUNT(*) FROM directory_organization")[0] >= 15);
        Assert.Equal(0, _demo.Query<long>("SELECT COUNT(*) FROM directory_organization WHERE name LIKE '%\"\"%'")[0]);
        var users = _demo.Query<(string Login, string Role, string? Region, long? OrganizationId)>(
            "SELECT login, role, region, organization_id FROM auth_user ORDER BY login").ToDictionary(u => u.Login);
        Assert.Equal("officer", users["officer"].Role);
        // One oblast administration for every home region: each has its own module now.
        foreach (var region in Regions.All)
            Assert.Equal(("oblast", region.Code), (users[$"oblast.{region.Id}"].Role, users[$"oblast.{region.Id}"].Region));
        Assert.Equal("leader", users["leader"].Role);
        var fund = _demo.Query<(long Id, string Name)>($"SELECT id, name FROM directory_organization WHERE id = {users["leader"].OrganizationId}").Single();
        Assert.Equal(DemoOrganizations.NarynFund, fund.Name);
        Assert.True(_demo.Count($"organization_id = {fund.Id}") >= 10);
        Assert.Equal(0, _demo.Count($"organization_id = {fund.Id} AND (home_region <> 'KG-N' OR city <> 'Moscow')"));
    }

    [SkippableFact]
    public void Every_regional_module_with_a_cause_has_a_project_in_its_own_words_posted_by_its_region()
    {
        var causes = _demo.Host.Services.GetRequiredService<ModuleRegistry>().Enabled.Select(m => m.Manifest)
            .Where(m => m is { Scope: ModuleScope.Regional, Cause: not null }).ToList();
        var projects = _demo.Query<(string ModuleId, string Region, string TitleKy, string TitleEn, string DescriptionRu, string Currency, string Poster)>("""
            SELECT p.module_id, p.region, p.title_ky, p.title_en, p.description_ru, p.currency, u.login
            FROM pledge_project p JOIN auth_user u ON u.id = p.created_by
            """).ToDictionary(p => p.ModuleId);

        Assert.Equal(causes.Select(m => m.Id).Order(), projects.Keys.Order());
        foreach (var module in causes)
        {
            var project = projects[module.Id];
            Assert.Equal((module.Regions[0], module.Cause!.Title.Ky, module.Cause.Title.En, module.Cause.Description.Ru, "KGS"),
                (project.Region, project.TitleKy, project.TitleEn, project.DescriptionRu, project.Currency));
            Assert.Equal($"oblast.{Regions.Find(project.Region)!.Id}", project.Poster);
        }
    }

    [SkippableFact]
    public void Every_demo_project_has_pledges_from_its_regions_natives_recorded_by_staff_some_confirmed()
    {
        var pledges = _demo.Query<(long ProjectId, string Region, string? HomeRegion, string Kind, string RecordedBy, string Status, string Login, long? Organization, long? Member)>("""
            SELECT p.project_id, j.region, p.home_region, p.kind, p.recorded_by, p.status, u.login, u.organization_id, c.organization_id
            FROM pledge p JOIN pledge_project j ON j.id = p.project_id JOIN auth_user u ON u.id = p.recorded_by_user
            JOIN directory_compatriot c ON c.id = p.compatriot_id
            """);

        Assert.Equal(_demo.Query<long>("SELECT COUNT(*) FROM pledge")[0], pledges.Count);
        Assert.All(pledges.GroupBy(p => p.ProjectId), project => Assert.InRange(project.Count(), 12, 36));
        Assert.All(pledges, p => Assert.Equal(p.Region, p.HomeRegion));
        // The leader records their own organisation's members, the officer everyone else's.
        Assert.All(pledges, p => Assert.Equal(p.Member is not null && p.Member == p.Organization ? ("leader", "leader") : ("officer", "officer"), (p.RecordedBy, p.Login)));
        Assert.Contains(pledges, p => p.RecordedBy == "leader");
        Assert.Equal(["in_kind", "money", "time"], pledges.Select(p => p.Kind).Distinct().Order());
        Assert.Equal(["confirmed", "pledged"], pledges.Select(p => p.Status).Distinct().Order());
    }

    [SkippableFact]
    public void The_desk_holds_questions_from_natives_in_their_language_tagged_by_their_region_some_taken_and_some_overdue()
    {
        var threads = _demo.Query<(string HomeRegion, string ModuleId, string Language, string Topics, string State, string? Assignee, DateTimeOffset? DueAt)>("""
            SELECT t.home_region, t.module_id, c.language, t.topics, t.state, u.login, t.due_at
            FROM response_thread t JOIN directory_compatriot c ON c.id = t.compatriot_id LEFT JOIN auth_user u ON u.id = t.assignee_id
            """);
        var modules = _demo.Host.Services.GetRequiredService<ModuleRegistry>();

        Assert.InRange(threads.Count, 10, 20);
        Assert.All(threads, t => Assert.Equal(modules.HomeOf(t.HomeRegion)!.Id, t.ModuleId));
        Assert.All(threads, t => Assert.Single(t.Topics.Split(';', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(["en", "ky", "ru"], threads.Select(t => t.Language).Distinct().Order());
        Assert.All(threads.Where(t => t.Assignee is not null), t => Assert.Equal(("assigned", $"oblast.{Regions.Find(t.HomeRegion)!.Id}"), (t.State, t.Assignee)));
        Assert.Contains(threads, t => t.State == "new");
        Assert.InRange(threads.Count(t => t.DueAt < DateTimeOffset.UtcNow), 1, threads.Count - 1);
    }

    [SkippableFact]
    public async Task Seeding_again_on_a_filled_directory_changes_nothing()
    {
        var before = (_demo.Count("1 = 1"), _demo.Query<long>("SELECT COUNT(*) FROM pledge_project")[0], _demo.Query<long>("SELECT COUNT(*) FROM pledge")[0]);
        var seeder = _demo.Host.Services.GetServices<IHostedService>().OfType<DemoSeeder>().Single();
        await seeder.StartAsync(CancellationToken.None);
        Assert.Equal(before, (_demo.Count("1 = 1"), _demo.Query<long>("SELECT COUNT(*) FROM pledge_project")[0], _demo.Query<long>("SELECT COUNT(*) FROM pledge")[0]));
    }
}

public sealed class DemoDeterminismTests
{
    [Fact]
    public void Same_seed_gives_the_same_people()
    {
        var a = DemoGenerator.Generate(500, 2021, 2026);
        var b = DemoGenerator.Generate(500, 2021, 2026);
        Assert.Equal(a.Select(p => p.ToString()), b.Select(p => p.ToString()));
        Assert.NotEqual(a.Select(p => p.FullName), DemoGenerator.Generate(500, 2022, 2026).Select(p => p.FullName));
    }

    [Fact]
    public void Two_hosts_with_the_same_seed_have_the_same_counts()
    {
        static List<(string, string, long)> Counts(TestHost host)
        {
            host.CreateClient();
            using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
            connection.Open();
            return connection.Query<(string, string, long)>(
                "SELECT gender, country, COUNT(*) FROM directory_compatriot GROUP BY gender, country ORDER BY 1, 2").ToList();
        }

        using var first = new TestHost(demo: true, demoCompatriots: 600);
        using var second = new TestHost(demo: true, demoCompatriots: 600);
        var counts = Counts(first);
        Assert.Equal(600, counts.Sum(c => c.Item3));
        Assert.Equal(counts, Counts(second));
    }
}
