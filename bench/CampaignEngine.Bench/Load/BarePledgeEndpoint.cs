using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CampaignEngine.Bench.Load;

/// <summary>
/// The limit for pledge intake: Kestrel with one JSON endpoint that inserts one row per request and answers 201 — no
/// routing to controllers, no validation, no lookups, no rates, no triggers. The engines differ only in how a row goes
/// in: SQLite through one open connection behind a single-writer gate (WAL), PostgreSQL through Npgsql's pool with one
/// commit each (it takes concurrent writers itself, so no gate).
/// </summary>
internal sealed class BarePledgeEndpoint : IAsyncDisposable
{
    private const string Table = "bench_bare_pledge";

    private readonly WebApplication _app;
    private readonly IAsyncDisposable _store;

    private BarePledgeEndpoint(WebApplication app, IAsyncDisposable store)
    {
        _app = app;
        _store = store;
    }

    public sealed record Pledge(string Kind, decimal Amount, string Currency);

    /// <summary>The bare endpoint on a SQLite file of its own in <paramref name="folder"/>.</summary>
    public static Task<BarePledgeEndpoint> OnSqliteAsync(string folder, string url)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "bare-intake.db")}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = $"""
                PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS {Table} (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, amount NUMERIC, currency TEXT, created_at TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }
        var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {Table} (kind, amount, currency, created_at) VALUES ($kind, $amount, $currency, $at) RETURNING id";
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var amount = insert.Parameters.Add("$amount", SqliteType.Real);
        var currency = insert.Parameters.Add("$currency", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        insert.Prepare();
        var gate = new SemaphoreSlim(1);
        return StartAsync(url, connection, async pledge =>
        {
            await gate.WaitAsync();
            try
            {
                (kind.Value, amount.Value, currency.Value, at.Value) = (pledge.Kind, pledge.Amount, pledge.Currency, Now());
                return (long)insert.ExecuteScalar()!;
            }
            finally
            {
                gate.Release();
            }
        });
    }

    /// <summary>The bare endpoint on a table of its own in the PostgreSQL database <paramref name="connectionString"/> names.</summary>
    public static async Task<BarePledgeEndpoint> OnPostgreSqlAsync(string connectionString, string url)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var setup = dataSource.CreateCommand($"""
            CREATE TABLE IF NOT EXISTS {Table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL,
                amount numeric, currency text, created_at text NOT NULL)
            """))
            await setup.ExecuteNonQueryAsync();
        return await StartAsync(url, dataSource, async pledge =>
        {
            await using var insert = dataSource.CreateCommand($"INSERT INTO {Table} (kind, amount, currency, created_at) VALUES ($1, $2, $3, $4) RETURNING id");
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = pledge.Kind });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = pledge.Amount });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = pledge.Currency });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Now() });
            return (long)(await insert.ExecuteScalarAsync())!;
        });
    }

    private static async Task<BarePledgeEndpoint> StartAsync(string url, IAsyncDisposable store, Func<Pledge, Task<long>> insert)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/pledge", async (Pledge pledge) =>
        {
            var id = await insert(pledge);
            return Results.Created($"/pledge/{id}", new { id });
        });
        await app.StartAsync();
        return new BarePledgeEndpoint(app, store);
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O");

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }
}
