using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Compatriots;

/// <summary>
/// PostgreSQL plans the directory's searches by its statistics; right after an import they described the tables before
/// it until autovacuum came round, and national staff's searches were several times slower meanwhile. SQLite is not
/// concerned.
/// </summary>
public sealed class ImportStatisticsTests : IDisposable
{
    private readonly TestHost _host = new(TestHost.PostgreSql);

    [SkippableFact]
    public void An_import_of_many_people_leaves_the_planner_statistics_of_the_directory_and_its_terms_counting_them()
    {
        _host.CreateClient();
        var writer = _host.Services.GetRequiredService<CompatriotWriter>();
        var people = DemoGenerator.Generate(ImportStatistics.Rows, 2021, 2026).Select((p, i) => (i + 2, p)).ToList();

        Assert.Equal(ImportStatistics.Rows, writer.Write(people, "import").Imported);

        using var connection = _host.OpenDatabase();
        foreach (var table in new[] { "directory_compatriot", "directory_search_term" })
        {
            // Both tables are small enough for ANALYZE to read every row: the planner's count is the exact one.
            var counted = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
            var planned = connection.ExecuteScalar<long>("SELECT CAST(reltuples AS bigint) FROM pg_class WHERE relname = @table", new { table });
            Assert.True(counted == planned, $"{table}: the planner counts {planned} rows, the table holds {counted}.");
        }
    }

    public void Dispose() => _host.Dispose();
}
