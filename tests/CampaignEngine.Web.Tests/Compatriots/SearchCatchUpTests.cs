using System.Data.Common;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class SearchCatchUpTestsOnSqlite() : SearchCatchUpTests(TestHost.Sqlite);

public sealed class SearchCatchUpTestsOnPostgreSql() : SearchCatchUpTests(TestHost.PostgreSql);

/// <summary>
/// The search index's catch-up (<see cref="SearchIndex.CatchUp"/>) over people written without terms, as a copy, a
/// script or the bench's bulk load leaves them: on PostgreSQL it writes a batch's terms as arrays in three statements,
/// on SQLite one prepared statement per term. Either way every person ends with exactly their own terms, stale ones
/// gone, and is marked indexed under the current folding.
/// </summary>
public abstract class SearchCatchUpTests(string engine) : IDisposable
{
    private static readonly string[] Names = ["Асель Токтогулова", "Aibek Osmonov", "Жаңыл Үсөнова", "Нурсулуу Бекова", "Aizada Ayzada", "Чолпон"];
    private static readonly string?[] Regions = ["KG-Y", "KG-N", "KG-GB", null];
    private readonly TestHost _host = new(engine);
    private readonly Random _random = new(55);

    [SkippableFact]
    public void People_written_without_terms_get_exactly_their_own_terms_and_stale_ones_go()
    {
        _ = _host.Server;
        var people = new List<IndexedPerson>();
        using (var connection = _host.OpenDatabase())
        {
            var organization = connection.ExecuteScalar<long>(
                "INSERT INTO directory_organization (name, created_at) VALUES ('Catch-up', '2026-01-01T00:00:00Z') RETURNING id");
            using var transaction = connection.BeginTransaction();
            // More than one catch-up batch (2,000), so batches follow each other.
            for (var i = 0; i < 2_300; i++) people.Add(Insert(connection, transaction, i, _random.Next(3) == 0 ? organization : null));
            // Some of them carry terms of an older folding, which the catch-up must replace.
            foreach (var person in people.Where((_, i) => i % 97 == 0))
                connection.Execute("INSERT INTO directory_search_term (term, compatriot_id, home_region, organization_id) VALUES ('=stale', @Id, @HomeRegion, @OrganizationId)",
                    person, transaction);
            transaction.Commit();
        }

        // The host's own background round may take some of them meanwhile: what counts is where everyone ends.
        var index = _host.Services.GetRequiredService<SearchIndex>();
        index.CatchUp();
        Assert.False(index.AnyUnindexed());

        using var check = _host.OpenDatabase();
        var expected = people.SelectMany(p => SearchIndex.TermWriter.TermsOf(p).Select(t => Row(t, p.Id, p.HomeRegion, p.OrganizationId))).Order().ToList();
        var actual = check.Query<(string Term, long Id, string? Region, long? Organization)>(
                "SELECT term, compatriot_id, home_region, organization_id FROM directory_search_term")
            .Select(r => Row(r.Term, r.Id, r.Region, r.Organization)).Order().ToList();
        Assert.True(expected.Count > 5 * people.Count, $"{expected.Count} terms for {people.Count} people");
        Assert.Equal(expected, actual);
        Assert.Equal(people.Count, check.ExecuteScalar<long>("SELECT COUNT(*) FROM directory_compatriot WHERE search_version = @version",
            new { version = SearchTerms.Version }));
    }

    private IndexedPerson Insert(DbConnection connection, DbTransaction transaction, int i, long? organization)
    {
        var person = new IndexedPerson(0, $"{Names[_random.Next(Names.Length)]} {i}", _random.Next(4) == 0 ? null : $"+7 914 {_random.Next(100, 999)}-{i:D4}",
            _random.Next(3) == 0 ? null : $"ext-{i:D5}", Regions[_random.Next(Regions.Length)], organization);
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO directory_compatriot (external_id, full_name, gender, home_region, country, time_zone, language, organization_id, phone,
                created_at, updated_at)
            VALUES (@ExternalId, @FullName, 'female', @HomeRegion, 'RU', 'UTC', 'ru', @OrganizationId, @Phone, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
            RETURNING id
            """, person, transaction);
        return person with { Id = id };
    }

    private static string Row(string term, long id, string? region, long? organization) => $"{term}|{id}|{region}|{organization}";

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
