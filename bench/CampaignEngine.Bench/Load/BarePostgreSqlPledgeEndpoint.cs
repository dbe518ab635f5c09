using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CampaignEngine.Bench.Load;

/// <summary>
/// The limit for pledge intake on PostgreSQL: Kestrel with one JSON endpoint that inserts one row per request through
/// Npgsql's pool (PostgreSQL takes concurrent writers itself, so no gate) into a table of the same database, with one
/// commit each — no routing to controllers, no validation, no lookups, no rates, no triggers.
/// </summary>
internal sealed class BarePostgreSqlPledgeEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    private BarePostgreSqlPledgeEndpoint(WebApplication app, NpgsqlDataSource dataSource)
    {
        _app = app;
        _dataSource = dataSource;
    }

    public static async Task<BarePostgreSqlPledgeEndpoint> StartAsync(string connectionString, string url)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS bench_bare_pledge (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL,
                amount numeric, currency text, created_at text NOT NULL)
            """))
            await setup.ExecuteNonQueryAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/pledge", async (BarePledgeEndpoint.Pledge pledge) =>
        {
            await using var insert = dataSource.CreateCommand(
                "INSERT INTO bench_bare_pledge (kind, amount, currency, created_at) VALUES ($1, $2, $3, $4) RETURNING id");
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = pledge.Kind });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = pledge.Amount });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = pledge.Currency });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = DateTimeOffset.UtcNow.ToString("O") });
            var id = (long)(await insert.ExecuteScalarAsync())!;
            return Results.Created($"/pledge/{id}", new { id });
        });
        await app.StartAsync();
        return new BarePostgreSqlPledgeEndpoint(app, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
