using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Database;
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

    /// <summary>
    /// A second bare endpoint, on a copy of the product's SQLite database: per request, the product's two statements for a
    /// pledge through a link (the link's daily count, then the pledge row with its snapshot, <see cref="PledgeInserts.Insert"/>),
    /// so the same indexes and triggers run, in one transaction behind a single-writer gate. Nothing else of the product:
    /// no routing to controllers, no validation, no lookup of the link, no rates, no group commit. It tells how much of a
    /// pledge's cost is the product's data and how much the work in front of it (issue 20's proposal to the owner).
    /// </summary>
    /// <param name="like">The row to write, as the product would for one link: each request changes its amount and time.</param>
    public static Task<BarePledgeEndpoint> OnProductTablesAsync(string databasePath, NewPledge like, string url)
    {
        var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            // The product's own settings (Db.OpenSqlite); a copy made by VACUUM INTO starts with a rollback journal.
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; " +
                $"PRAGMA wal_autocheckpoint = {Db.AutoCheckpointPages};";
            setup.ExecuteNonQuery();
        }
        var count = connection.CreateCommand();
        count.CommandText = SqliteGroupInsert.CountForLink;
        foreach (var (name, value) in new (string, object)[] { ("@messageId", like.MessageId!), ("@day", ""), ("@limit", int.MaxValue) })
            count.Parameters.Add(new SqliteParameter(name, value));
        count.Prepare();
        var insert = connection.CreateCommand();
        insert.CommandText = PledgeInserts.Insert;
        var parameters = PledgeInserts.Names.ToDictionary(name => name, name => insert.Parameters.Add(new SqliteParameter(name, DBNull.Value)));
        insert.Prepare();
        var gate = new SemaphoreSlim(1);
        return StartAsync(url, connection, async pledge =>
        {
            await gate.WaitAsync();
            try
            {
                var row = like with { Amount = pledge.Amount, AmountUsd = pledge.Amount, At = DateTimeOffset.UtcNow };
                using var transaction = connection.BeginTransaction();
                (count.Transaction, insert.Transaction) = (transaction, transaction);
                count.Parameters["@day"].Value = SqliteGroupInsert.LinkDay(row);
                count.ExecuteScalar();
                foreach (var (name, value) in PledgeInserts.Values(row)) parameters[name].Value = value ?? DBNull.Value;
                var id = (long)insert.ExecuteScalar()!;
                transaction.Commit();
                return id;
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
