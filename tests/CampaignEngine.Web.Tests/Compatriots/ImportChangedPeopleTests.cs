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

public sealed class ImportChangedPeopleTestsOnSqlite() : ImportChangedPeopleTests(TestHost.Sqlite);

public sealed class ImportChangedPeopleTestsOnPostgreSql() : ImportChangedPeopleTests(TestHost.PostgreSql);

/// <summary>
/// A re-import more than two batches long (<see cref="ChangedPeople.InBatches"/>, where the engine updates people in
/// batches) gives each person the values of their own row, an event for each consent the file changed and none for the
/// others, and search terms of their new name and phone only: a batch that mixed two people's values, lost the last
/// partial batch or left old terms behind fails here.
/// </summary>
public abstract class ImportChangedPeopleTests(string engine) : IDisposable
{
    private const int People = ChangedPeople.InBatches.BatchSize * 2 + 345;
    private static readonly string[] Channels = ImportBatchRows.ChannelSets;
    private readonly TestHost _host = new(engine);

    private static string Id(int i) => $"kept-{i:D5}";

    private static string Name(int i, int round) => round == 0
        ? $"Айгүл Сыдыкова {i.ToString(CultureInfo.InvariantCulture)}"
        : $"Бермет Токтогулова {i.ToString(CultureInfo.InvariantCulture)}";

    // A third of the people move to another region on the second file; the rest stay.
    private static string Region(int i, int round) => (i % 3, round) switch { (0, 1) => "KG-T", (0, _) => "KG-N", (1, _) => "KG-Y", _ => "KG-B" };

    private static string Phone(int i, int round) => $"+7 914 {i / 10_000 % 1000:D3}-{i / 100 % 100:D2}-{i % 100:D2}".Replace("914", round == 0 ? "914" : "916", StringComparison.Ordinal);

    // The second file shifts every person's channels by one: most consents change, some people's not at all.
    private static string ChannelsOf(int i, int round) => Channels[(i + round) % Channels.Length];

    private static string File(int round) =>
        Csv([.. Enumerable.Range(0, People).Select(i => ImportBatchRows.Row(i, Id(i), Name(i, round), Region(i, round), Phone(i, round), ChannelsOf(i, round)))]);

    private WriteResult Import(int round)
    {
        var read = CompatriotCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(File(round))), DateTime.UtcNow.Year);
        Assert.Empty(read.Errors);
        return new CompatriotWriter(_host.Services.GetRequiredService<Db>(), TimeProvider.System).Write(read.Rows, "import");
    }

    [SkippableFact]
    public void Every_updated_person_has_their_rows_values_an_event_per_changed_consent_and_only_their_new_search_terms()
    {
        _ = _host.Server;
        Import(round: 0);

        var second = Import(round: 1);

        Assert.Equal((0, People), (second.Imported, second.Updated));
        using var connection = _host.OpenDatabase();
        var people = connection.Query<(long Id, string ExternalId, string FullName, string HomeRegion, long? OrganizationId, string Phone)>(
            "SELECT id, external_id, full_name, home_region, organization_id, phone FROM directory_compatriot").ToList();
        Assert.Equal(People, people.Count);
        var events = connection.Query<(long CompatriotId, string Channel, long Granted, string Source, long Id)>(
            "SELECT compatriot_id, channel, granted, source, id FROM directory_consent_event ORDER BY id").ToLookup(e => e.CompatriotId);
        var terms = connection.Query<(string Term, long CompatriotId, string HomeRegion)>(
            "SELECT term, compatriot_id, home_region FROM directory_search_term").ToLookup(t => t.CompatriotId);
        foreach (var person in people)
        {
            var i = int.Parse(person.ExternalId["kept-".Length..], CultureInfo.InvariantCulture);
            Assert.Equal((Name(i, 1), Region(i, 1), i % 5 == 0), (person.FullName, person.HomeRegion, person.OrganizationId is not null));
            var before = ChannelsOf(i, 0).Split(';', StringSplitOptions.RemoveEmptyEntries);
            var after = ChannelsOf(i, 1).Split(';', StringSplitOptions.RemoveEmptyEntries);
            var expected = before.Select(c => (c, 1L))
                .Concat(Vocabulary.Channels.Where(c => before.Contains(c) != after.Contains(c)).Select(c => (c, after.Contains(c) ? 1L : 0L)));
            Assert.Equal(expected, events[person.Id].Select(e => (e.Channel, e.Granted)));
            Assert.All(events[person.Id], e => Assert.Equal("import", e.Source));
            Assert.Equal(Vocabulary.Channels.Select(c => after.Contains(c) ? 1L : 0L), ImportBatchRows.Consents(connection, person.Id));
            var own = SearchIndex.TermWriter.TermsOf(new IndexedPerson(person.Id, person.FullName, person.Phone, person.ExternalId, person.HomeRegion, person.OrganizationId));
            Assert.Equal(own.Order(StringComparer.Ordinal), terms[person.Id].Select(t => t.Term).Order(StringComparer.Ordinal));
            Assert.All(terms[person.Id], t => Assert.Equal(Region(i, 1), t.HomeRegion));
        }
    }

    /// <summary>
    /// On PostgreSQL every statement is a round trip and a parse: the people a re-import updates go in one update per batch,
    /// not one per person, with their terms, consent events and audience cells in a statement each per batch. A row
    /// trigger's cell updates in one transaction also leave row versions each next one steps over: the import slowed
    /// with every person (20,000 took 100 s).
    /// </summary>
    [SkippableFact]
    public void On_postgresql_updated_people_are_written_by_one_statement_per_batch()
    {
        Skip.If(engine == TestHost.Sqlite, "SQLite runs in the process: a prepared statement per person costs microseconds.");
        _ = _host.Server;
        Import(round: 0);
        using (var connection = _host.OpenDatabase())
            connection.Execute("""
                CREATE TABLE test_statements (kind text NOT NULL);
                CREATE FUNCTION test_count_statement() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO test_statements VALUES (TG_TABLE_NAME || ' ' || TG_OP); RETURN NULL; END $$;
                CREATE TRIGGER test_count_update AFTER UPDATE ON directory_compatriot FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement();
                CREATE TRIGGER test_count_terms AFTER INSERT OR DELETE ON directory_search_term FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement();
                CREATE TRIGGER test_count_events AFTER INSERT ON directory_consent_event FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement();
                CREATE TRIGGER test_count_cells AFTER INSERT ON directory_audience_cell FOR EACH STATEMENT EXECUTE FUNCTION test_count_statement();
                """);

        Import(round: 1);

        var batches = (People + ChangedPeople.InBatches.BatchSize - 1) / ChangedPeople.InBatches.BatchSize;
        using var check = _host.OpenDatabase();
        var statements = check.Query<(string Kind, long Count)>("SELECT kind, COUNT(*) FROM test_statements GROUP BY kind").ToDictionary(s => s.Kind, s => s.Count);
        Assert.Equal(batches, statements["directory_compatriot UPDATE"]);
        Assert.Equal(batches, statements["directory_search_term DELETE"]);
        Assert.Equal(batches, statements["directory_search_term INSERT"]);
        Assert.Equal(batches, statements["directory_consent_event INSERT"]);
        // The audience cells follow each batch's update once (migration 0057), not twice per person moved between cells.
        Assert.Equal(batches, statements["directory_audience_cell INSERT"]);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
