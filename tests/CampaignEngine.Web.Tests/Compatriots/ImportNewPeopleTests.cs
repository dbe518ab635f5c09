using System.Globalization;
using System.Text;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class ImportNewPeopleTestsOnSqlite() : ImportNewPeopleTests(TestHost.Sqlite);

public sealed class ImportNewPeopleTestsOnPostgreSql() : ImportNewPeopleTests(TestHost.PostgreSql);

/// <summary>
/// The new people of an import more than two batches long (<see cref="NewPeople.InBatches"/>, where the engine writes
/// them in batches) are each written with the values of their own row, an event for each channel they come with, and
/// their search terms under their own id: a batch that gave one person another's id, or lost the last partial batch,
/// fails here.
/// </summary>
public abstract class ImportNewPeopleTests(string engine) : IDisposable
{
    private const int People = NewPeople.InBatches.BatchSize * 2 + 345;
    private static readonly string[] Channels = ImportBatchRows.ChannelSets;
    private readonly TestHost _host = new(engine);

    private static string Id(int i) => $"new-{i:D5}";

    private static string Name(int i) => $"Айгүл Сыдыкова {i.ToString(CultureInfo.InvariantCulture)}";

    private static string Region(int i) => (i % 3) switch { 0 => "KG-N", 1 => "KG-Y", _ => "KG-T" };

    private static string Phone(int i) => $"+7 914 {i / 10_000 % 1000:D3}-{i / 100 % 100:D2}-{i % 100:D2}";

    private static string File() => Csv([.. Enumerable.Range(0, People).Select(i => ImportBatchRows.Row(i, Id(i), Name(i), Region(i), Phone(i), Channels[i % Channels.Length]))]);

    [SkippableTheory]
    [InlineData(50_000)]
    [InlineData(100)]
    public void Every_new_person_has_their_rows_values_their_channels_events_and_their_own_search_terms(int bulkLoad)
    {
        _ = _host.Server;
        var read = CompatriotCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(File())), DateTime.UtcNow.Year);
        Assert.Empty(read.Errors);
        var writer = new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System) { BulkLoad = bulkLoad };

        Assert.Equal(People, writer.Write(read.Rows, "import").Imported);

        using var connection = _host.OpenDatabase();
        var people = connection.Query<(long Id, string ExternalId, string FullName, string HomeRegion, long? OrganizationId, string Phone, long SearchVersion)>(
            "SELECT id, external_id, full_name, home_region, organization_id, phone, search_version FROM directory_compatriot").ToList();
        Assert.Equal(People, people.Count);
        var events = connection.Query<(long CompatriotId, string Channel, long Granted, string Source)>(
            "SELECT compatriot_id, channel, granted, source FROM directory_consent_event").ToLookup(e => e.CompatriotId);
        var terms = connection.Query<(string Term, long CompatriotId)>("SELECT term, compatriot_id FROM directory_search_term").ToLookup(t => t.CompatriotId, t => t.Term);
        foreach (var person in people)
        {
            var i = int.Parse(person.ExternalId["new-".Length..], CultureInfo.InvariantCulture);
            Assert.Equal((Name(i), Region(i), i % 5 == 0, SearchTerms.Version), (person.FullName, person.HomeRegion, person.OrganizationId is not null, (int)person.SearchVersion));
            var channels = Channels[i % Channels.Length].Split(';', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(channels.Order(StringComparer.Ordinal), events[person.Id].Select(e => e.Channel).Order(StringComparer.Ordinal));
            Assert.All(events[person.Id], e => Assert.Equal((1L, "import"), (e.Granted, e.Source)));
            Assert.Equal(Vocabulary.Channels.Select(c => channels.Contains(c) ? 1L : 0L), ImportBatchRows.Consents(connection, person.Id));
            var own = SearchIndex.TermWriter.TermsOf(new IndexedPerson(person.Id, person.FullName, person.Phone, person.ExternalId, person.HomeRegion, person.OrganizationId));
            Assert.Equal(own.Order(StringComparer.Ordinal), terms[person.Id].Order(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// On PostgreSQL every statement is a round trip and a parse, and fires the audience cells' statement trigger: the new
    /// people of an import go in one statement per batch, not one per person (about 600 people a second).
    /// </summary>
    [SkippableFact]
    public void On_postgresql_new_people_are_inserted_by_one_statement_per_batch()
    {
        Skip.If(engine == TestHost.Sqlite, "SQLite runs in the process: a prepared statement per person costs microseconds.");
        _ = _host.Server;
        using (var connection = _host.OpenDatabase())
            connection.Execute("""
                CREATE TABLE test_insert_statements (n bigint NOT NULL);
                CREATE FUNCTION test_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO test_insert_statements VALUES (1); RETURN NULL; END $$;
                CREATE TRIGGER test_count_insert AFTER INSERT ON directory_compatriot FOR EACH STATEMENT EXECUTE FUNCTION test_count_insert();
                """);
        var read = CompatriotCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(File())), DateTime.UtcNow.Year);

        new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System).Write(read.Rows, "import");

        Assert.Equal((People + NewPeople.InBatches.BatchSize - 1) / NewPeople.InBatches.BatchSize, Scalar<long>(_host, "SELECT COUNT(*) FROM test_insert_statements"));
    }

    /// <summary>
    /// On PostgreSQL the new people's search terms reach the staging table in groups of thousands, one statement each:
    /// staged 32 at a time, a million people's terms took 218,000 round trips and parses.
    /// </summary>
    [SkippableFact]
    public void On_postgresql_new_peoples_search_terms_are_staged_by_one_statement_per_thousands_of_terms()
    {
        Skip.If(engine == TestHost.Sqlite, "SQLite runs in the process: a prepared statement per 32 terms costs microseconds.");

        var statements = StatementsOf(new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System));

        var terms = Scalar<long>(_host, "SELECT COUNT(*) FROM directory_search_term");
        Assert.InRange(statements.Count(s => s.Contains("INSERT INTO search_stage", StringComparison.Ordinal)), 1, terms / 1_000);
    }

    /// <summary>
    /// A bulk load on PostgreSQL writes the terms without the term table's key and builds it again before the commit,
    /// as it builds the secondary indexes: kept current through seven million sorted inserts, the key took three times
    /// as long. The table's indexes and key are as they were.
    /// </summary>
    [SkippableFact]
    public void On_postgresql_a_bulk_load_builds_the_term_tables_key_again_and_leaves_its_definition_as_it_was()
    {
        Skip.If(engine == TestHost.Sqlite, "SQLite's term table is its key (WITHOUT ROWID): its rows go in sorted.");
        _ = _host.Server;
        var before = TermTableSchema();

        var statements = StatementsOf(new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System) { BulkLoad = 100 });

        Assert.Contains(statements, s => s.Contains("DROP CONSTRAINT directory_search_term_pkey", StringComparison.Ordinal));
        Assert.Equal(before, TermTableSchema());
        Assert.Equal(0L, Scalar<long>(_host, "SELECT COUNT(*) - COUNT(DISTINCT (term, compatriot_id)) FROM directory_search_term"));
    }

    /// <summary>The statements this host's database ran while <paramref name="writer"/> wrote the file, from Npgsql's own trace.</summary>
    private List<string> StatementsOf(CompatriotWriter writer)
    {
        _ = _host.Server;
        string database;
        using (var connection = _host.OpenDatabase()) database = connection.Database;
        var statements = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                var tags = activity.TagObjects.Select(t => t.Value as string).ToList();
                if (!tags.Contains(database)) return;
                foreach (var tag in tags) if (tag is not null && tag != database) statements.Enqueue(tag);
            },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var read = CompatriotCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(File())), DateTime.UtcNow.Year);
        Assert.Equal(People, writer.Write(read.Rows, "import").Imported);
        return [.. statements];
    }

    private List<string> TermTableSchema()
    {
        using var connection = _host.OpenDatabase();
        return [.. connection.Query<string>("""
            SELECT indexdef FROM pg_indexes WHERE tablename = 'directory_search_term'
            UNION ALL
            SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'directory_search_term'::regclass
            ORDER BY 1
            """)];
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
