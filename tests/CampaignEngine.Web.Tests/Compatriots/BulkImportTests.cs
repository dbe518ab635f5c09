using System.Data.Common;
using System.Globalization;
using System.Text;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

/// <summary>
/// A large first import builds the secondary indexes of the directory, its consent events and its search terms at the
/// end instead of keeping them through every insert, and writes new people's terms in index order; on SQLite a large
/// import checks its foreign keys once before its commit (ADR 0019). What it leaves must be exactly what writing person
/// by person leaves; a failure anywhere leaves nothing, the dropped indexes included. The threshold is lowered so that a
/// few hundred rows take the bulk way.
/// </summary>
public sealed class BulkImportTests : IDisposable
{
    private const int People = 700;
    private readonly TestHost _host = new();

    private static readonly string[] Names =
    [
        "Айзада Асанова", "Aizada Asanova", "Ayzada Osmonova", "Жылдыз Үсөнова", "Jyldyz Usonova", "Азамат Бекболот уулу",
        "Елена Иванова", "Сергей Кузнецов", "Чолпон О'Нил", "ЖАҢЫЛ ТӨЛӨГӨНОВА", "Aibek Osmonov", "Нурсултан Жээнбеков",
    ];

    private static readonly string[] Phones = ["+7 914 123-45-{0:D2}", "0555 123 4{0:D2}", "8 (916) 555-12-{0:D2}", "+996 700 12 34 {0:D2}", ""];

    // People with names, phones and organisations drawn at random; every 50th row is spoiled in one field.
    private static string RandomFile(int seed)
    {
        var random = new Random(seed);
        var rows = new List<string>();
        for (var i = 0; i < People; i++)
        {
            var phone = string.Format(CultureInfo.InvariantCulture, Phones[random.Next(Phones.Length)], random.Next(100));
            var row = Person($"ext-{i:D4}", Names[random.Next(Names.Length)] + (random.Next(3) == 0 ? "" : " " + i.ToString(CultureInfo.InvariantCulture)),
                gender: random.Next(2) == 0 ? "ж" : "м", region: random.Next(3) == 0 ? "KG-N" : "KG-Y", phone: phone,
                organization: random.Next(5) == 0 ? "Нарын жердештери" : "", channels: phone.Length == 0 ? "" : "whatsapp");
            rows.Add(i % 50 == 49 ? row.Replace(",1988,", ",1800,", StringComparison.Ordinal) : row);
        }
        return Csv([.. rows]);
    }

    private WriteResult Write(string csv, int bulkLoad, WriteHooks? hooks = null)
    {
        var read = CompatriotCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), DateTime.UtcNow.Year);
        Assert.Equal(People / 50, read.Errors.Count);
        Assert.All(read.Errors, e => Assert.Equal("birth_year", e.Field));
        var writer = new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System) { BulkLoad = bulkLoad };
        return writer.Write(read.Rows, "import", hooks: hooks);
    }

    // The tables a bulk load builds every secondary index of again.
    private List<string> IndexDefinitions() => Query<string>("""
        SELECT sql FROM sqlite_master WHERE tbl_name IN ('directory_search_term', 'directory_compatriot', 'directory_consent_event') AND type IN ('table', 'index')
            AND sql IS NOT NULL ORDER BY name
        """);

    // Straight into the host's database file, beside the product: test triggers and tables.
    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_host.DatabasePath}");
        connection.Open();
        connection.Execute(sql);
    }

    private List<T> Query<T>(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_host.DatabasePath}");
        connection.Open();
        return connection.Query<T>(sql).ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_bulk_import_leaves_exactly_the_terms_and_indexes_that_writing_person_by_person_leaves(int seed)
    {
        _ = _host.Server;
        var indexes = IndexDefinitions();
        var written = Write(RandomFile(seed), bulkLoad: 100);
        Assert.Equal(People - People / 50, written.Imported);

        Assert.Equal(indexes, IndexDefinitions());
        var people = Query<(long Id, string FullName, string? Phone, string? ExternalId, string? HomeRegion, long? OrganizationId)>(
            "SELECT id, full_name, phone, external_id, home_region, organization_id FROM directory_compatriot");
        var expected = people
            .SelectMany(p => SearchTerms.Of(p.FullName, p.Phone, p.ExternalId, p.OrganizationId).Select(t => $"{t}|{p.Id}|{p.HomeRegion}|{p.OrganizationId}"))
            .Order(StringComparer.Ordinal).ToList();
        var stored = Query<(string Term, long Id, string? Region, long? Organization)>(
                "SELECT term, compatriot_id, home_region, organization_id FROM directory_search_term")
            .Select(t => $"{t.Term}|{t.Id}|{t.Region}|{t.Organization}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, stored);
        // The rebuilt indexes hold exactly the tables' terms and people.
        Assert.Equal("ok", Query<string>("PRAGMA integrity_check").Single());
    }

    [Fact]
    public void A_bulk_import_writes_its_people_and_their_consent_without_secondary_indexes_and_builds_them_at_the_end()
    {
        _ = _host.Server;
        // Counts, at every person written, the secondary indexes of the tables the import writes.
        Execute("""
            CREATE TABLE test_indexes_seen (n INTEGER NOT NULL);
            CREATE TRIGGER test_index_probe AFTER INSERT ON directory_compatriot BEGIN
                INSERT INTO test_indexes_seen SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                    AND tbl_name IN ('directory_compatriot', 'directory_consent_event', 'directory_search_term');
            END;
            """);
        var indexes = IndexDefinitions();

        Write(RandomFile(9), bulkLoad: 100);

        Assert.Equal([0L], Query<long>("SELECT DISTINCT n FROM test_indexes_seen"));
        Assert.Equal(indexes, IndexDefinitions());
        Assert.Equal("ok", Query<string>("PRAGMA integrity_check").Single());
    }

    [Fact]
    public void A_bulk_import_counts_its_people_into_the_audience_cells_once_per_cell_not_once_per_person()
    {
        _ = _host.Server;
        // Counts every write to a cell: migration 0048's insert trigger writes one (or two) for every person inserted.
        Execute("""
            CREATE TABLE test_cell_writes (n INTEGER NOT NULL); INSERT INTO test_cell_writes VALUES (0);
            CREATE TRIGGER test_cell_update AFTER UPDATE ON directory_audience_cell BEGIN UPDATE test_cell_writes SET n = n + 1; END;
            CREATE TRIGGER test_cell_insert AFTER INSERT ON directory_audience_cell BEGIN UPDATE test_cell_writes SET n = n + 1; END;
            """);

        var written = Write(RandomFile(5), bulkLoad: 100);

        Assert.Equal(written.Imported, Scalar<long>(_host, "SELECT SUM(people) FROM directory_audience_cell"));
        var cells = Scalar<long>(_host, "SELECT COUNT(*) FROM directory_audience_cell");
        Assert.InRange(Scalar<long>(_host, "SELECT n FROM test_cell_writes"), 1, cells);
        Assert.Equal(1, Scalar<long>(_host, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = '{SqliteBulkAudienceCells.InsertTrigger}'"));
    }

    [Fact]
    public void An_import_that_fails_while_writing_leaves_nothing_written_and_the_search_index_whole()
    {
        _ = _host.Server;
        var indexes = IndexDefinitions();
        // The disk fills up as the last terms are written: after every person and consent, before the indexes are rebuilt.
        Execute("""
            CREATE TRIGGER test_disk_full BEFORE INSERT ON directory_search_term WHEN NEW.term LIKE '=ext-0690%'
            BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END
            """);

        Assert.Throws<SqliteException>(() => Write(RandomFile(4), bulkLoad: 100));

        Assert.Equal(0, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot"));
        Assert.Equal(0, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_search_term"));
        Assert.Equal(0, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_consent_event"));
        Assert.Equal(indexes, IndexDefinitions());
        Assert.Equal(1, Scalar<long>(_host, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = '{SqliteBulkAudienceCells.InsertTrigger}'"));
    }

    [Fact]
    public void An_imports_large_sorts_run_in_small_runs_on_worker_threads_and_the_connection_gets_its_own_settings_back()
    {
        _ = _host.Server;
        using var connection = _host.Services.GetRequiredService<Db>().Open();
        var engine = CompatriotsSql.Of(connection);
        long Pragma(string name, DbTransaction? transaction = null) => connection.ExecuteScalar<long>($"PRAGMA {name}", transaction: transaction);

        using (engine.ForImport(connection))
        {
            using var transaction = connection.BeginTransaction();
            using (engine.ForBulkSorts(connection, transaction))
            {
                Assert.Equal(BulkSorter.WorkerThreads, Pragma("threads", transaction));
                Assert.Equal(-BulkSorter.RunKibibytes, Pragma("cache_size", transaction));
            }
            Assert.Equal(0, Pragma("threads", transaction));
            Assert.Equal(-ImportCache.Kibibytes, Pragma("cache_size", transaction));
            transaction.Commit();
        }
        Assert.Equal(-2000, Pragma("cache_size"));
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(100_000, 1)]
    public void A_large_import_checks_its_foreign_keys_once_before_its_commit_and_a_small_one_as_each_row_goes_in(int bulkLoad, long enforced)
    {
        _ = _host.Server;
        long? seen = null;
        Write(RandomFile(6), bulkLoad, new WriteHooks(BeforeCommit: (connection, transaction, _) =>
            seen = connection.ExecuteScalar<long>("PRAGMA foreign_keys", transaction: transaction)));

        Assert.Equal(enforced, seen);
        Assert.Empty(Query<string>("SELECT \"table\" FROM pragma_foreign_key_check"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_large_import_that_leaves_a_key_without_its_row_fails_whole_and_leaves_the_keys_enforced(bool reimport)
    {
        _ = _host.Server;
        if (reimport) Write(RandomFile(7), bulkLoad: 100_000);
        var before = Query<long>("SELECT COUNT(*) FROM directory_consent_event").Single();
        // Something in the import's transaction writes a consent event for a person who does not exist.
        Execute($"""
            CREATE TRIGGER test_orphan AFTER {(reimport ? "UPDATE" : "INSERT")} ON directory_compatriot WHEN NEW.external_id = 'ext-0600'
            BEGIN INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at) VALUES (NEW.id + 1000000, 'email', 1, 'test', 'now'); END
            """);

        var failure = Assert.Throws<InvalidOperationException>(() => Write(RandomFile(8), bulkLoad: 100));

        Assert.Contains("directory_consent_event.compatriot_id", failure.Message, StringComparison.Ordinal);
        Assert.Equal(before, Query<long>("SELECT COUNT(*) FROM directory_consent_event").Single());
        Assert.Equal(reimport ? People - People / 50 : 0, Query<long>("SELECT COUNT(*) FROM directory_compatriot").Single());
        using var pooled = _host.Services.GetRequiredService<Db>().Open();
        Assert.Equal(1, pooled.ExecuteScalar<long>("PRAGMA foreign_keys"));
    }

    public void Dispose() => _host.Dispose();
}
