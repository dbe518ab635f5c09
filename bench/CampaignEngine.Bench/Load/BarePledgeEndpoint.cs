using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CampaignEngine.Bench.Load;

/// <summary>
/// The limit for pledge intake: Kestrel with one JSON endpoint that inserts one row into SQLite (WAL) through one
/// open connection behind a single-writer gate — no routing to controllers, no validation, no lookups, no rates.
/// </summary>
internal sealed class BarePledgeEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqliteConnection _connection;

    private BarePledgeEndpoint(WebApplication app, SqliteConnection connection)
    {
        _app = app;
        _connection = connection;
    }

    public sealed record Pledge(string Kind, decimal Amount, string Currency);

    public static async Task<BarePledgeEndpoint> StartAsync(string folder, string url)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "bare-intake.db")}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS pledge (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, amount NUMERIC, currency TEXT, created_at TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }
        var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO pledge (kind, amount, currency, created_at) VALUES ($kind, $amount, $currency, $at) RETURNING id";
        var kind = insert.Parameters.Add("$kind", SqliteType.Text);
        var amount = insert.Parameters.Add("$amount", SqliteType.Real);
        var currency = insert.Parameters.Add("$currency", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        insert.Prepare();
        var gate = new SemaphoreSlim(1);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/pledge", async (Pledge pledge) =>
        {
            await gate.WaitAsync();
            try
            {
                kind.Value = pledge.Kind;
                amount.Value = pledge.Amount;
                currency.Value = pledge.Currency;
                at.Value = DateTimeOffset.UtcNow.ToString("O");
                var id = (long)insert.ExecuteScalar()!;
                return Results.Created($"/pledge/{id}", new { id });
            }
            finally
            {
                gate.Release();
            }
        });
        await app.StartAsync();
        return new BarePledgeEndpoint(app, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _connection.Dispose();
    }
}
