using System.Data.Common;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Features.Privacy;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class ListColumnsTestsOnSqlite() : ListColumnsTests(TestHost.Sqlite);

public sealed class ListColumnsTestsOnPostgreSql() : ListColumnsTests(TestHost.PostgreSql);

/// <summary>
/// The directory list's columns kept in memory (migration 0061, <see cref="ListColumns"/>) against the people they stand
/// for: after random imports, renames, moves, deletions and erasures, a searched list answered from the columns equals
/// the same list read from the people, for random searches, filters, scopes and pages; and a change to anything the list
/// reads is seen at once, before the columns are read again. Runs on both engines (ADR 0012).
/// </summary>
public abstract class ListColumnsTests : IDisposable
{
    private static readonly string[] FirstNames = ["Айзада", "Айзат", "Айгуль", "Нурлан", "Нурбек", "Бакыт", "Aida", "Азамат"];
    private static readonly string[] Surnames = ["Осмонов", "Асанова", "Айзакова", "Бекова", "Нурланова", "Токтогулов"];
    private static readonly string[] Regions = ["KG-Y", "KG-N", "KG-T", "KG-C"];
    private static readonly string[] Countries = ["RU", "KZ", "AE", "US"];
    private static readonly string[] Languages = ["ky", "ru", "en"];
    private static readonly string[] Organizations = ["", "", "Ала-Тоо", "Манас"];
    private readonly TestHost _host;
    private readonly Random _random = new(61);
    private int _imported;

    protected ListColumnsTests(string engine)
    {
        _host = new TestHost(engine);
        _ = _host.Server;
        Import(120);
    }

    private CompatriotQueries Queries => _host.Services.GetRequiredService<CompatriotQueries>();

    private ListColumns Columns => _host.Services.GetRequiredService<ListColumns>();

    [SkippableFact]
    public void A_searched_list_from_the_columns_equals_the_people_read_for_random_searches_filters_scopes_and_pages()
    {
        for (var round = 0; round < 5; round++)
        {
            Columns.ReadNow();
            var before = Columns.Answered;
            for (var i = 0; i < 40; i++) AssertSameList();
            Assert.Equal(before + 40, Columns.Answered);
            Import(25);
            using var connection = Open();
            for (var op = 0; op < 15; op++) Edit(connection);
        }
    }

    [SkippableFact]
    public void A_change_to_what_the_list_reads_is_seen_at_once_and_a_change_to_anything_else_keeps_the_columns()
    {
        Columns.ReadNow();
        var question = new CompatriotFilter(null, null, null, null, "айза", 1, 50);
        var id = Queries.List(question, Admin).Items[0].Id;
        using var connection = Open();

        connection.Execute("UPDATE directory_compatriot SET consent_email = 1 - consent_email, willing = 'no' WHERE id = @id", new { id });
        AnsweredByColumns(question, expected: true);

        connection.Execute("UPDATE directory_compatriot SET gender = CASE WHEN gender = 'male' THEN 'female' ELSE 'male' END WHERE id = @id", new { id });
        var page = AnsweredByColumns(question, expected: false);
        Assert.Equal(Queries.SearchedList(question, Admin, fromColumns: false), page, PageComparer.Instance);

        Columns.ReadNow();
        connection.Execute("UPDATE directory_compatriot SET full_name = 'Айзада Яковлева' WHERE id = @id", new { id });
        AnsweredByColumns(question, expected: false);

        Columns.ReadNow();
        connection.Execute("UPDATE directory_compatriot SET home_region = 'KG-C' WHERE id = @id", new { id });
        AnsweredByColumns(new CompatriotFilter("KG-C", null, null, null, "айза", 1, 50), expected: false);
    }

    [SkippableFact]
    public void A_bulk_load_makes_the_columns_stale_once_and_leaves_the_lists_trigger_as_it_found_it()
    {
        string? Trigger()
        {
            using var connection = Open();
            return _host.Engine == TestHost.Sqlite
                ? connection.ExecuteScalar<string?>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'tr_directory_list_insert'")
                : connection.ExecuteScalar<string?>("SELECT tgname FROM pg_trigger WHERE tgname = 'tr_directory_list_change'");
        }
        var before = Trigger();
        Columns.ReadNow();
        var question = new CompatriotFilter(null, null, null, null, "айз", 1, 20);
        Import(60, bulkFrom: 10);
        var stale = AnsweredByColumns(question, expected: false);
        Columns.ReadNow();
        Assert.Equal(stale, AnsweredByColumns(question, expected: true), PageComparer.Instance);
        Assert.NotNull(before);
        Assert.Equal(before, Trigger());
    }

    [SkippableFact]
    public void A_directory_whose_ids_ran_far_ahead_of_its_people_keeps_reading_the_people()
    {
        using (var connection = Open())
            connection.Execute("""
                INSERT INTO directory_compatriot (id, external_id, full_name, gender, home_region, country, time_zone, language, created_at, updated_at)
                VALUES (5000000, 'far-ahead', 'Айзада Далеко', 'female', 'KG-N', 'KZ', 'UTC', 'ru', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """);
        Columns.ReadNow();
        var question = new CompatriotFilter(null, null, null, null, "айза", 1, 50);
        var page = AnsweredByColumns(question, expected: false);
        Assert.Equal(Queries.SearchedList(question, Admin, fromColumns: false), page, PageComparer.Instance);
        Assert.False(ListColumns.Dense(5_000_000, 200));
        Assert.True(ListColumns.Dense(1_000_000, 995_000));
    }

    [SkippableFact]
    public async Task A_stale_list_reads_the_columns_again_beside_it_and_answers_from_them_once_read()
    {
        var question = new CompatriotFilter(null, null, null, null, "нур", 1, 20);
        var first = Queries.List(question, Admin);
        if (Columns.Reading is { } reading) await reading;
        var before = Columns.Answered;
        Assert.Equal(first, Queries.List(question, Admin), PageComparer.Instance);
        Assert.Equal(before + 1, Columns.Answered);
    }

    private CompatriotPage AnsweredByColumns(CompatriotFilter filter, bool expected)
    {
        var before = Columns.Answered;
        var page = Queries.List(filter, Admin);
        Assert.Equal(expected, Columns.Answered > before);
        return page;
    }

    private void AssertSameList()
    {
        var search = RandomSearch();
        var filter = new CompatriotFilter(
            _random.Next(4) == 0 ? Pick(Regions) : null, _random.Next(4) == 0 ? Pick(Countries) : null,
            _random.Next(4) == 0 ? Pick([.. Vocabulary.Genders]) : null, _random.Next(4) == 0 ? Pick(Languages) : null,
            search, 1 + _random.Next(3), Pick([1, 5, 20, 50]));
        var user = RandomUser();
        var fromPeople = Queries.SearchedList(filter, user, fromColumns: false);
        var fromColumns = Queries.List(filter, user);
        Assert.True(PageComparer.Instance.Equals(fromPeople, fromColumns),
            $"'{search}' for {user.Role} {user.Region}{user.OrganizationId}, page {filter.Page} of {filter.PageSize}: " +
            $"{Describe(fromPeople)} from the people, {Describe(fromColumns)} from the columns");
    }

    private static string Describe(CompatriotPage page) =>
        $"{page.Total} ({string.Join(", ", page.ByGender.OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Value}"))}) [{string.Join(", ", page.Items.Select(i => i.Id))}]";

    private string RandomSearch() => _random.Next(6) switch
    {
        0 => Pick(FirstNames)[..(1 + _random.Next(3))],
        1 => Pick(Surnames)[..(2 + _random.Next(4))].ToLowerInvariant(),
        2 => $"{Pick(FirstNames)[..3]} {Pick(Surnames)[..2]}",
        3 => $"+7 914 {_random.Next(10)}",
        4 => $"list-{_random.Next(20)}",
        _ => Pick(FirstNames),
    };

    private CurrentUser RandomUser()
    {
        switch (_random.Next(4))
        {
            case 0:
                return new CurrentUser(2, "oblast", Roles.Oblast, Pick(Regions), null);
            case 1:
                using (var connection = Open())
                {
                    var organization = connection.ExecuteScalar<long?>("SELECT MIN(id) FROM directory_organization") ?? 1;
                    return new CurrentUser(3, "leader", Roles.Leader, null, organization + _random.Next(2));
                }
            default:
                return Admin;
        }
    }

    private static CurrentUser Admin => new(1, "officer", Roles.Officer, null, null);

    /// <summary>New people and re-imported ones (another name, region, country, language, organisation), with their search terms.</summary>
    private void Import(int count, int bulkFrom = 50_000)
    {
        var bulk = bulkFrom < count;
        var rows = Enumerable.Range(0, count).Select(_ =>
        {
            var n = !bulk && _random.Next(3) == 0 && _imported > 0 ? _random.Next(_imported) : _imported++;
            return DirectoryApi.Person($"list-{n}", name: $"{Pick(FirstNames)} {Pick(Surnames)}", gender: Pick(["ж", "м"]),
                region: _random.Next(8) == 0 ? "" : Pick(Regions), country: Pick(Countries), language: Pick(["ky", "ru", "en"]),
                organization: Pick(Organizations), phone: $"+7 914 {_random.Next(100):D3}-{n / 100:D2}-{n % 100:D2}");
        }).DistinctBy(r => r.Split(',')[0]).ToArray();
        var read = CompatriotCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(DirectoryApi.Csv(rows))), DateTime.UtcNow.Year);
        Assert.Empty(read.Errors);
        new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System) { BulkLoad = bulkFrom }.Write(read.Rows, "import");
    }

    /// <summary>A write the list reads, straight in SQL (the terms stay as they were: both ways of answering read the same ones).</summary>
    private void Edit(DbConnection connection)
    {
        var id = connection.ExecuteScalar<long>("SELECT id FROM directory_compatriot WHERE erased_at IS NULL ORDER BY random() LIMIT 1");
        switch (_random.Next(6))
        {
            case 0: connection.Execute("UPDATE directory_compatriot SET full_name = @v WHERE id = @id", new { id, v = $"{Pick(FirstNames)} {Pick(Surnames)}" }); break;
            case 1: connection.Execute("UPDATE directory_compatriot SET home_region = @v, country = @c WHERE id = @id", new { id, v = _random.Next(5) == 0 ? null : Pick(Regions), c = Pick(Countries) }); break;
            case 2: connection.Execute("UPDATE directory_compatriot SET gender = @g, language = @l WHERE id = @id", new { id, g = Pick([.. Vocabulary.Genders]), l = Pick(Languages) }); break;
            case 3: connection.Execute("UPDATE directory_compatriot SET organization_id = (SELECT MIN(id) FROM directory_organization) WHERE id = @id", new { id }); break;
            case 4: _host.Services.GetRequiredService<PersonalData>().Erase(id); break;
            default: connection.Execute("UPDATE directory_compatriot SET full_name = full_name || ' Кызы' WHERE id = @id", new { id }); break;
        }
    }

    private DbConnection Open() => _host.Services.GetRequiredService<Db>().Open();

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Two pages alike: the total, the counts by gender and the same people in the same order, field by field.</summary>
    private sealed class PageComparer : IEqualityComparer<CompatriotPage>
    {
        public static readonly PageComparer Instance = new();

        public bool Equals(CompatriotPage? x, CompatriotPage? y) =>
            x is not null && y is not null && x.Total == y.Total
            && x.ByGender.OrderBy(g => g.Key).SequenceEqual(y.ByGender.OrderBy(g => g.Key))
            && x.Items.Select(Fields).SequenceEqual(y.Items.Select(Fields));

        private static string Fields(CompatriotItem item) => System.Text.Json.JsonSerializer.Serialize(item);

        public int GetHashCode(CompatriotPage obj) => obj.Total;
    }
}
