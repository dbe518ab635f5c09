using System.Data.Common;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class PreparedCommandTestsOnSqlite() : PreparedCommandTests(TestHost.Sqlite);

public sealed class PreparedCommandTestsOnPostgreSql() : PreparedCommandTests(TestHost.PostgreSql);

/// <summary>
/// The import's prepared statements: on SQLite SQLite's own statement with values bound by position, on PostgreSQL a
/// command. Both must write what they are given, keep a value until it is set again, give back the id a
/// <c>RETURNING</c> makes, and fail as the engine fails.
/// </summary>
public abstract class PreparedCommandTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    private DbConnection Open()
    {
        _ = _host.Server;
        return _host.Services.GetRequiredService<Db>().Open();
    }

    [SkippableFact]
    public void Each_row_is_written_with_its_own_values_and_those_not_set_again_are_kept()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var ids = new List<long>();
        using (var insert = CompatriotsSql.Of(connection).Prepare(connection, transaction, """
            INSERT INTO directory_organization (name, country, city, kind, created_at)
            VALUES (@name, @country, @city, NULL, @at) RETURNING id
            """, "name", "country", "city", "at"))
        {
            insert.Set("at", "2026-12-04T21:00:00Z").Set("city", null);
            ids.Add((long)insert.Set("name", "Нарын жердештери").Set("country", "RU").Scalar()!);
            ids.Add((long)insert.Set("name", "Ысык-Көл 🏔").Scalar()!);
            ids.Add((long)insert.Set("name", "Dubai Kyrgyz").Set("country", null).Set("city", "Dubai").Scalar()!);
        }
        using (var update = CompatriotsSql.Of(connection).Prepare(connection, transaction,
            "UPDATE directory_organization SET kind = @kind WHERE country = @country", "kind", "country"))
        {
            Assert.Equal(2, update.Set("kind", "diaspora").Set("country", "RU").Execute());
            Assert.Equal(0, update.Set("country", "AE").Execute());
        }
        transaction.Commit();

        Assert.Equal(3, ids.Distinct().Count());
        var rows = connection.Query<(long Id, string Name, string? Country, string? City, string? Kind, string At)>(
            "SELECT id, name, country, city, kind, created_at FROM directory_organization WHERE created_at = '2026-12-04T21:00:00Z' ORDER BY id").ToList();
        Assert.Equal(ids, rows.Select(r => r.Id));
        Assert.Equal(
            [
                ("Нарын жердештери", "RU", null, "diaspora"),
                ("Ысык-Көл 🏔", "RU", null, "diaspora"),
                ("Dubai Kyrgyz", null, "Dubai", null),
            ],
            rows.Select(r => (r.Name, r.Country, r.City, r.Kind)));
        
    }

    [SkippableFact]
    public void A_row_the_table_refuses_fails_as_the_engine_fails_and_is_not_written()
    {
        using var connection = Open();
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = CompatriotsSql.Of(connection).Prepare(connection, transaction, """
                INSERT INTO directory_organization (name, country, city, kind, created_at)
                VALUES (@name, NULL, NULL, NULL, @at) RETURNING id
                """, "name", "at");
            insert.Set("at", "2026-12-04T21:00:00Z");
            var failure = Assert.ThrowsAny<DbException>(() => insert.Set("name", null).Scalar());
            Assert.Contains("name", failure.Message, StringComparison.Ordinal);
        }
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM directory_organization WHERE created_at = '2026-12-04T21:00:00Z'"));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
