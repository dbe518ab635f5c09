using System.Net;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Privacy;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Compatriots;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class AudienceCellsTestsOnSqlite() : AudienceCellsTests(TestHost.Sqlite);

public sealed class AudienceCellsTestsOnPostgreSql() : AudienceCellsTests(TestHost.PostgreSql);

/// <summary>
/// The audience cells (migration 0048, kept by triggers) against the people they count: for many random audiences
/// (regions, countries, genders, languages, willingness, scope), the groups summed from the cells equal the groups
/// counted over the directory, and the whole preview equals the launch's per-person channel query, after random
/// imports and re-imports through the API, edits of every column a cell is keyed by, opt-outs, deletions and erasure.
/// Runs on both engines (ADR 0012): one subclass per engine above.
/// </summary>
public abstract class AudienceCellsTests : IDisposable
{
    private static readonly string[] Regions = ["KG-Y", "KG-N", "KG-T", "KG-C"];
    private static readonly string[] Countries = ["RU", "KZ", "AE", "US"];
    private static readonly string[] Languages = ["ky", "ru", "en"];
    private readonly TestHost _host;
    private readonly Random _random = new(48);
    private readonly List<long> _bare = [];

    protected AudienceCellsTests(string engine)
    {
        _host = new TestHost(engine);
        _ = _host.Server;
        using var connection = Open();
        for (var i = 0; i < 400; i++) _bare.Add(InsertPerson(connection, i));
    }

    [SkippableFact]
    public async Task The_cells_count_exactly_the_people_through_random_writes()
    {
        AssertCellsEqualPeople(40);
        for (var round = 0; round < 6; round++)
        {
            await ImportSome(round);
            LoadInBulk(round);
            using (var connection = Open())
                for (var op = 0; op < 80; op++) Edit(connection, round * 1000 + op);
            AssertCellsEqualPeople(25);
        }
        Assert.True(Scalar("SELECT COUNT(*) FROM directory_audience_cell WHERE people > 0") > 20);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM directory_audience_cell WHERE people < 0"));
    }

    /// <summary>
    /// An import writes a thousand people per statement, and PostgreSQL's triggers count per statement: each statement
    /// rewrote the cells of its people, and a million people left the cells 41 MB of row versions that every later read
    /// went through (migration 0062). A large import, of new people or of changes, now writes each cell it changes once.
    /// </summary>
    [SkippableFact]
    public void On_postgresql_a_large_import_of_new_or_changed_people_writes_each_cell_it_changes_once()
    {
        Skip.IfNot(_host.Engine == TestHost.PostgreSql, "SQLite's bulk load drops its insert trigger and counts once (BulkImportTests).");
        var writer = new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System) { BulkLoad = 10 };
        string[] FewCells(string country) => Enumerable.Range(0, 2_500).Select(i => DirectoryApi.Person($"wave-{i}",
            gender: i % 2 == 0 ? "ж" : "м", region: i % 3 == 0 ? "KG-N" : "KG-Y", country: country, phone: $"+7 914 {i / 100:D3}-{i % 100:D2}-00")).ToArray();

        foreach (var (rows, imported) in new[] { (FewCells("RU"), 2_500), (FewCells("KZ"), 0) })
        {
            var read = CompatriotCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(DirectoryApi.Csv(rows))), DateTime.UtcNow.Year);
            long cellWrites = 0;
            var hooks = new WriteHooks(BeforeCommit: (connection, transaction, _) => cellWrites = connection.ExecuteScalar<long>(
                "SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'directory_audience_cell'", transaction: transaction));

            // The counters are read on the import's own connection, and a pooled backend still holds the counts of a
            // transaction it committed until it hands them on to the server's statistics, at most once a second: they
            // show in pg_stat_xact_* as this transaction's. A new backend holds none.
            Npgsql.NpgsqlConnection.ClearAllPools();
            Assert.Equal(imported, writer.Write(read.Rows, "import", hooks: hooks).Imported);

            // Four cells gain the people (two regions by two genders); on the second pass four more, and the first four lose them.
            Assert.Equal(imported > 0 ? 4 : 8, cellWrites);
            AssertCellsEqualPeople(10);
        }
    }

    [SkippableFact]
    public void On_postgresql_migration_0062_writes_cells_left_bloated_again_compactly_with_the_same_counts()
    {
        Skip.IfNot(_host.Engine == TestHost.PostgreSql, "SQLite rewrites a row in place.");
        const string Cells = "SELECT concat_ws('/', home_region, country, gender, mask, language, willing, people) FROM directory_audience_cell WHERE people <> 0 ORDER BY 1";
        using var connection = Open();
        var counted = connection.Query<string>(Cells).ToList();
        // What a large import did before 0062: every cell rewritten statement after statement in one transaction.
        using (var transaction = connection.BeginTransaction())
        {
            for (var statement = 0; statement < 40; statement++) connection.Execute("UPDATE directory_audience_cell SET people = people + 0", transaction: transaction);
            transaction.Commit();
        }
        var bloated = connection.ExecuteScalar<long>("SELECT pg_relation_size('directory_audience_cell')");
        connection.Execute("DELETE FROM schema_migration WHERE name LIKE '0062%'");

        new Migrator(_host.Services.GetRequiredService<Db>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance).Run();

        Assert.True(connection.ExecuteScalar<long>("SELECT pg_relation_size('directory_audience_cell')") * 10 < bloated);
        Assert.Equal(counted, connection.Query<string>(Cells).ToList());
        AssertCellsEqualPeople(10);
    }

    [SkippableFact]
    public void A_segment_by_age_band_or_organisation_counts_the_people_themselves()
    {
        Assert.True(Audience.CellsAnswer(Segment.Everyone));
        Assert.True(Audience.CellsAnswer(new Segment { Languages = ["ru"], Willing = ["unknown"], Countries = ["KZ"], Genders = ["male"] }));
        Assert.False(Audience.CellsAnswer(new Segment { AgeBands = ["25-29"] }));
        Assert.False(Audience.CellsAnswer(new Segment { OrganizationId = 1 }));
    }

    [SkippableFact]
    public void The_preview_sums_the_cells_in_index_order_without_sorting()
    {
        SkipOnPostgreSql();
        var filter = AudienceSql.Build(Module() with { Regions = Regions, Countries = [] }, Segment.Everyone, 2026, null);
        using var connection = Open();
        connection.Execute("ANALYZE directory_audience_cell");
        var plan = connection.Query<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + Audience.CellsSql(filter.Where), filter.Parameters)
            .Select(r => r.Detail).ToList();
        Assert.Contains(plan, d => d.Contains("ix_audience_cell", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, d => d.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void The_preview_reads_the_preferences_first_and_looks_up_only_their_people()
    {
        SkipOnPostgreSql();
        var filter = AudienceSql.Build(Module() with { Regions = Regions, Countries = Countries }, Segment.Everyone, 2026, null);
        using var connection = Open();
        connection.Execute("ANALYZE directory_compatriot");
        var plan = connection.Query<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + Audience.PreferencesSql(filter.Where), filter.Parameters)
            .Select(r => r.Detail).ToList();
        Assert.StartsWith("SCAN p", plan[0], StringComparison.Ordinal);
        Assert.Contains(plan, d => d.StartsWith("SEARCH c USING INTEGER PRIMARY KEY", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void The_cells_follow_statements_that_insert_update_and_delete_many_people_at_once()
    {
        // On PostgreSQL the triggers count a whole statement's rows per cell (migrations 0055 and 0057); a bulk copy, an
        // INSERT ... SELECT, an UPDATE and a DELETE of many rows must leave the same cells as one person at a time.
        using (var connection = Open())
        {
            connection.Execute("""
                INSERT INTO directory_compatriot (external_id, full_name, gender, birth_year, home_region, country, time_zone, language,
                    willing, email, phone, telegram, consent_whatsapp, consent_telegram, consent_sms, consent_email, created_at, updated_at,
                    search_version)
                SELECT 'copy-' || external_id, full_name, gender, birth_year, home_region, country, time_zone, language, willing, email, phone,
                    telegram, consent_telegram, consent_sms, consent_email, consent_whatsapp, created_at, updated_at, @version
                FROM directory_compatriot WHERE external_id LIKE 'cells-%'
                """, new { version = CampaignEngine.Web.Features.Compatriots.Search.SearchTerms.Version }); // no search terms to hold the deletes back
            AssertCellsEqualPeople(15);
            // One statement moving many people between cells, some back into the cell they left, as a re-import's batch does.
            connection.Execute("""
                UPDATE directory_compatriot SET home_region = CASE WHEN id % 4 = 0 THEN NULL ELSE home_region END,
                    consent_email = 1 - consent_email, gender = CASE WHEN id % 5 = 0 THEN gender ELSE 'female' END
                WHERE external_id LIKE 'copy-%'
                """);
            AssertCellsEqualPeople(15);
            connection.Execute("UPDATE directory_compatriot SET full_name = full_name || ' ' WHERE external_id LIKE 'copy-%'");
            AssertCellsEqualPeople(15);
            connection.Execute("DELETE FROM directory_compatriot WHERE external_id LIKE 'copy-%' AND (id % 3 = 0 OR home_region IS NULL)");
            AssertCellsEqualPeople(15);
            connection.Execute("DELETE FROM directory_compatriot WHERE external_id LIKE 'copy-%' AND id % 3 <> 0");
        }
        AssertCellsEqualPeople(15);
        Assert.True(Scalar("SELECT COUNT(*) FROM directory_audience_cell WHERE people > 0") > 20);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM directory_audience_cell WHERE people < 0"));
    }

    [SkippableFact]
    public void Two_writers_counting_the_first_people_of_a_cell_at_once_leave_one_cell_with_both()
    {
        Skip.If(_host.Engine == TestHost.Sqlite, "SQLite lets one writer in at a time: the second would wait for the first to commit.");
        // A cell no generated person is in (no region, a country the others never have), written by two open transactions.
        const string cell = "FROM directory_audience_cell WHERE home_region IS NULL AND country = 'NZ' AND willing IS NULL";
        using var first = Open();
        using var second = Open();
        using var firstWrite = first.BeginTransaction();
        using var secondWrite = second.BeginTransaction();
        InsertInCell(first, firstWrite, "cell-race-1");
        // The second writer's count meets the first's uncommitted cell: it waits for it and then adds to it.
        var waiting = Task.Run(() => InsertInCell(second, secondWrite, "cell-race-2"));
        Assert.False(waiting.Wait(TimeSpan.FromMilliseconds(300)));
        firstWrite.Commit();
        waiting.GetAwaiter().GetResult();
        secondWrite.Commit();
        Assert.Equal(1, Scalar("SELECT COUNT(*) " + cell));
        Assert.Equal(2, Scalar("SELECT SUM(people) " + cell));
    }

    private static void InsertInCell(DbConnection connection, DbTransaction transaction, string externalId) => connection.Execute("""
        INSERT INTO directory_compatriot (external_id, full_name, gender, home_region, country, time_zone, language, willing,
            created_at, updated_at)
        VALUES (@externalId, 'Race', 'male', NULL, 'NZ', 'UTC', 'en', NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
        """, new { externalId }, transaction);

    /// <summary>The query plans read here are SQLite's (EXPLAIN QUERY PLAN); PostgreSQL plans by its statistics.</summary>
    private void SkipOnPostgreSql() => Skip.If(_host.Engine == TestHost.PostgreSql, "a SQLite query plan");

    private void AssertCellsEqualPeople(int audiences)
    {
        var audience = _host.Services.GetRequiredService<Audience>();
        using var connection = Open();
        for (var i = 0; i < audiences; i++)
        {
            var module = Module() with { Regions = Some(Regions, 1), Countries = _random.Next(3) == 0 ? [] : Some(Countries, 1) };
            var segment = RandomSegment();
            var scope = _random.Next(4) == 0 ? module.Regions[0] : null;
            var filter = AudienceSql.Build(module, segment, DateTime.UtcNow.Year, scope);
            var fromCells = connection.Query<(string, string, long, long Count)>(SqlList.On(connection, Audience.CellsSql(filter.Where)), filter.Parameters).Where(g => g.Count != 0);
            var fromPeople = connection.Query<(string, string, long, long Count)>(SqlList.On(connection, Audience.GroupsSql(filter.Where)), filter.Parameters);
            Assert.Equal(fromPeople.Order(), fromCells.Order());

            var channels = Vocabulary.Channels.OrderBy(_ => _random.Next()).Take(_random.Next(1, Vocabulary.Channels.Count + 1)).ToArray();
            var preview = audience.Preview(module, segment, channels, scope);
            Assert.Equal(PerPerson(connection, module, segment, channels, scope), preview.Cells.Select(Describe));
            AssertListCountsThePeople(connection);
        }
    }

    /// <summary>
    /// The directory list without a search counts from the cells (CompatriotQueries.Unsearched): for a random filter and
    /// scope its counts by gender and its page equal the people's own, counted and sorted over the directory.
    /// </summary>
    private void AssertListCountsThePeople(DbConnection connection)
    {
        var region = _random.Next(3) == 0 ? Pick(Regions) : null;
        var country = _random.Next(3) == 0 ? Pick(Countries) : null;
        var gender = _random.Next(3) == 0 ? Pick([.. Vocabulary.Genders]) : null;
        var language = _random.Next(3) == 0 ? Pick(Languages) : null;
        var oblast = _random.Next(3) == 0 ? Pick(Regions) : null;
        var user = oblast is null ? new CurrentUser(1, "officer", Roles.Officer, null, null) : new CurrentUser(2, "oblast", Roles.Oblast, oblast, null);
        var number = 1 + _random.Next(3);
        var page = _host.Services.GetRequiredService<CompatriotQueries>()
            .List(new CompatriotFilter(region, country, gender, language, null, number, 20), user);
        const string where = """
            (CAST(@oblast AS TEXT) IS NULL OR home_region = @oblast) AND (CAST(@region AS TEXT) IS NULL OR home_region = @region)
            AND (CAST(@country AS TEXT) IS NULL OR country = @country) AND (CAST(@gender AS TEXT) IS NULL OR gender = @gender)
            AND (CAST(@language AS TEXT) IS NULL OR language = @language)
            """;
        var parameters = new { oblast, region, country, gender, language };
        var counted = connection.Query<(string Gender, long Count)>($"SELECT gender, COUNT(*) FROM directory_compatriot WHERE {where} GROUP BY gender", parameters)
            .ToDictionary(g => g.Gender, g => (int)g.Count);
        Assert.Equal(counted.OrderBy(g => g.Key), page.ByGender.OrderBy(g => g.Key));
        Assert.Equal(counted.Values.Sum(), page.Total);
        var sorted = connection.Query<long>($"SELECT id FROM directory_compatriot WHERE {where} ORDER BY full_name, id", parameters).ToList();
        Assert.Equal(sorted.Skip((number - 1) * 20).Take(20), page.Items.Select(i => i.Id));
    }

    /// <summary>The preview as the launch reads its people: the chosen channel per person (their own order too), grouped in SQL.</summary>
    private static List<string> PerPerson(DbConnection connection, ModuleManifest module, Segment segment, string[] channels, string? scope)
    {
        var filter = AudienceSql.Build(module, segment, DateTime.UtcNow.Year, scope);
        return connection.Query<AudienceCell>(SqlList.On(connection, $"""
            SELECT c.country AS Country, c.gender AS Gender,
                   COALESCE({AudienceSql.ChosenChannel(channels)}, '{AudiencePreview.Unreachable}') AS Channel, COUNT(*) AS Count
            FROM {AudienceSql.People}
            WHERE {filter.Where}
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            """), filter.Parameters).Select(Describe).ToList();
    }

    private Segment RandomSegment() => new()
    {
        Countries = _random.Next(3) == 0 ? Some(Countries, 1) : null,
        Genders = _random.Next(3) == 0 ? Some([.. Vocabulary.Genders], 1) : null,
        Languages = _random.Next(3) == 0 ? Some(Languages, 1) : null,
        Willing = _random.Next(3) == 0 ? Some(["yes", "no", "unknown"], 1) : null,
    };

    /// <summary>Imports new people and re-imports earlier ones with another region, country, language and channels, through the API.</summary>
    private async Task ImportSome(int round)
    {
        var rows = Enumerable.Range(0, 15).Select(i =>
        {
            var id = _random.Next(2) == 0 ? $"import-{round}-{i}" : $"import-{_random.Next(round + 1)}-{i}";
            return DirectoryApi.Person(id, gender: _random.Next(2) == 0 ? "ж" : "м", region: Pick(Regions), country: Pick(Countries),
                language: Pick(["ky", "ru"]), phone: _random.Next(3) == 0 ? "" : $"+7 914 123-{round:D2}-{i:D2}",
                email: _random.Next(2) == 0 ? "" : $"p{round}.{i}@example.kg", channels: Pick(["whatsapp", "sms;email", "email", ""]));
        }).DistinctBy(r => r.Split(',')[0]).ToArray();
        var (status, _) = await DirectoryApi.Import(_host.AdminClient(), DirectoryApi.Csv(rows));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>
    /// A first load of new people the bulk way (its threshold lowered): the cells get the new people by one grouped count
    /// while the insert trigger is away (<see cref="BulkAudienceCells"/>).
    /// </summary>
    private void LoadInBulk(int round)
    {
        var rows = Enumerable.Range(0, 40).Select(i => DirectoryApi.Person($"bulk-{round}-{i}", gender: _random.Next(2) == 0 ? "ж" : "м",
            region: _random.Next(6) == 0 ? "" : Pick(Regions), country: Pick(Countries), language: Pick(["ky", "ru", "en"]),
            phone: _random.Next(3) == 0 ? "" : $"+7 914 555-{round:D2}-{i:D2}", email: _random.Next(2) == 0 ? "" : $"b{round}.{i}@example.kg",
            channels: Pick(["whatsapp", "sms;email", "email", ""]))).ToArray();
        var read = CompatriotCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(DirectoryApi.Csv(rows))), DateTime.UtcNow.Year);
        var writer = new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System) { BulkLoad = 10 };
        Assert.Equal(read.Rows.Count, writer.Write(read.Rows, "import").Imported);
        if (_host.Engine == TestHost.Sqlite)
            Assert.Equal(1, Scalar($"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = '{SqliteBulkAudienceCells.InsertTrigger}'"));
    }

    private void Edit(DbConnection connection, int seed)
    {
        var id = connection.ExecuteScalar<long>("SELECT id FROM directory_compatriot ORDER BY random() LIMIT 1");
        switch (_random.Next(9))
        {
            case 0: connection.Execute("UPDATE directory_compatriot SET home_region = @v WHERE id = @id", new { id, v = _random.Next(5) == 0 ? null : Pick(Regions) }); break;
            case 1: connection.Execute("UPDATE directory_compatriot SET country = @v, gender = @g WHERE id = @id", new { id, v = Pick(Countries), g = Pick([.. Vocabulary.Genders]) }); break;
            case 2: connection.Execute("UPDATE directory_compatriot SET language = @v, willing = @w WHERE id = @id", new { id, v = Pick(Languages), w = Pick(["yes", "no", null]) }); break;
            case 3: connection.Execute("UPDATE directory_compatriot SET phone = @p, email = @e, telegram = @t WHERE id = @id", new { id, p = Address("+99670"), e = Address("x@example.kg"), t = Address("@x") }); break;
            case 4: connection.Execute($"UPDATE directory_compatriot SET consent_{Pick([.. Vocabulary.Channels])} = @v WHERE id = @id", new { id, v = _random.Next(2) }); break;
            case 5: OptOut(connection, id); break;
            case 6: _host.Services.GetRequiredService<PersonalData>().Erase(id); _bare.Remove(id); break;
            case 7: Delete(connection); break;
            default: _bare.Add(InsertPerson(connection, 10_000 + seed)); break;
        }
    }

    /// <summary>An opt-out as the product records it: the consent withdrawn with its event.</summary>
    private void OptOut(DbConnection connection, long id)
    {
        using var transaction = connection.BeginTransaction();
        CompatriotConsent.Withdraw(connection, transaction, id, Pick([.. Vocabulary.Channels]), "test", DateTimeOffset.UtcNow);
        transaction.Commit();
        _bare.Remove(id);
    }

    /// <summary>Deletes a person inserted here and not touched by the product since, when nothing else refers to them.</summary>
    private void Delete(DbConnection connection)
    {
        if (_bare.Count == 0) return;
        var id = _bare[_random.Next(_bare.Count)];
        _bare.Remove(id);
        connection.Execute("DELETE FROM directory_preference WHERE compatriot_id = @id", new { id });
        // The search indexer may have written the person's entry meanwhile: then the delete fails whole and counts nothing.
        try { connection.Execute("DELETE FROM directory_compatriot WHERE id = @id", new { id }); }
        catch (DbException e) when (e is SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23503" }) { }
    }

    private long InsertPerson(DbConnection connection, int i)
    {
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO directory_compatriot (external_id, full_name, gender, birth_year, home_region, country, time_zone, language,
                willing, email, phone, telegram, consent_whatsapp, consent_telegram, consent_sms, consent_email, created_at, updated_at)
            VALUES (@ext, 'Test', @gender, @birthYear, @region, @country, 'UTC', @language, @willing, @email, @phone, @telegram,
                @wa, @tg, @sms, @em, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
            RETURNING id
            """, new
        {
            ext = $"cells-{i}", gender = Pick([.. Vocabulary.Genders]), birthYear = _random.Next(5) == 0 ? (int?)null : _random.Next(1950, 2006),
            region = _random.Next(8) == 0 ? null : Pick(Regions), country = Pick(Countries), language = Pick(Languages),
            willing = Pick(["yes", "no", null]), email = Address($"p{i}@example.kg"), phone = Address($"+99670000{i:D4}"), telegram = Address($"@p{i}"),
            wa = _random.Next(2), tg = _random.Next(2), sms = _random.Next(2), em = _random.Next(2),
        });
        if (_random.Next(6) == 0)
            connection.Execute("INSERT INTO directory_preference (compatriot_id, channel_order, updated_at) VALUES (@id, @order, '2026-01-01T00:00:00Z')",
                new { id, order = string.Join(';', Vocabulary.Channels.OrderBy(_ => _random.Next()).Take(_random.Next(1, 5))) });
        return id;
    }

    private string? Address(string value) => _random.Next(4) switch { 0 => null, 1 => "", _ => value };

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private string[] Some(string[] values, int atLeast) => values.OrderBy(_ => _random.Next()).Take(_random.Next(atLeast, values.Length + 1)).ToArray();

    private static string Describe(AudienceCell c) => $"{c.Country}/{c.Gender}/{c.Channel}={c.Count}";

    private ModuleManifest Module() => _host.Services.GetRequiredService<ModuleRegistry>().Find("national")!;

    private long Scalar(string sql)
    {
        using var connection = Open();
        return connection.ExecuteScalar<long>(sql);
    }

    private DbConnection Open()
    {
        var connection = _host.OpenDatabase();
        return connection;
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
