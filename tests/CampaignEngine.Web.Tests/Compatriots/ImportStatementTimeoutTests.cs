using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Tests.Compatriots;

/// <summary>
/// On PostgreSQL, Npgsql cancels a statement after its command timeout (30 s by default), and an import's statements
/// over the whole file (its terms written in index order, an index built again) take minutes at a million people: the
/// import of a million failed at its very end. Here the writer's connections time out after 3 s, and an extra index on
/// the terms costs 30 ms a row, so those statements outlast the timeout on a few dozen people; the import must still
/// finish.
/// </summary>
public sealed class ImportStatementTimeoutTests : IDisposable
{
    private const int People = 40;
    private readonly TestHost _host = new(TestHost.PostgreSql);
    private Db? _shortTimeouts;

    [SkippableFact]
    public void An_import_whose_terms_take_longer_to_write_than_the_command_timeout_finishes()
    {
        var writer = SlowTermsWriter(bulkLoad: 50_000);

        Assert.Equal(People, writer.Write(Generated(), "import").Imported);
        Assert.True(Terms() >= People * 3);
    }

    [SkippableFact]
    public void A_bulk_load_whose_term_indexes_take_longer_to_build_again_than_the_command_timeout_finishes()
    {
        var writer = SlowTermsWriter(bulkLoad: 10);

        Assert.Equal(People, writer.Write(Generated(), "import").Imported);
        Assert.True(Terms() >= People * 3);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_test_slow_term'"));
    }

    private CompatriotWriter SlowTermsWriter(int bulkLoad)
    {
        _host.CreateClient();
        using (var connection = _host.OpenDatabase())
            connection.Execute("""
                CREATE FUNCTION slow_term(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN PERFORM pg_sleep(0.03); RETURN t; END $$;
                CREATE INDEX ix_test_slow_term ON directory_search_term (slow_term(term));
                """);
        _shortTimeouts = new Db(Options.Create(new DatabaseOptions
        {
            Provider = DatabaseOptions.PostgreSqlName,
            ConnectionString = _host.ConnectionString + ";Command Timeout=3",
        }));
        return new CompatriotWriter(_shortTimeouts, TimeProvider.System) { BulkLoad = bulkLoad };
    }

    private static List<(int, CompatriotInput)> Generated() =>
        [.. DemoGenerator.Generate(People, 2021, 2026).Select((person, i) => (i + 2, person))];

    private long Terms() => Scalar("SELECT COUNT(*) FROM directory_search_term");

    private long Scalar(string sql)
    {
        using var connection = _host.OpenDatabase();
        return connection.ExecuteScalar<long>(sql);
    }

    public void Dispose()
    {
        _shortTimeouts?.Dispose();
        _host.Dispose();
    }
}
