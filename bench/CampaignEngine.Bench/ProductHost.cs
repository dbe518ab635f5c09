using System.Data.Common;
using CampaignEngine.Web;
using CampaignEngine.Web.Features.Auth;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CampaignEngine.Bench;

/// <summary>
/// The real host (<see cref="CampaignHost.Build"/>: same services, same migrations) on a fresh SQLite file in a
/// temporary folder, or on a fresh PostgreSQL database of the bench's server (<see cref="Engines.Server"/>), dropped
/// when the host is disposed. It is built but not started: the items call its services directly, and no Hangfire
/// server or demo seeder runs behind their backs.
/// </summary>
internal sealed class ProductHost : IAsyncDisposable
{
    private readonly bool _ownsDatabase;

    private ProductHost(string folder, WebApplication app, string engine, string? connectionString, bool ownsDatabase)
    {
        Folder = folder;
        App = app;
        DbPath = Path.Combine(folder, "bench.db");
        Engine = engine;
        ConnectionString = connectionString;
        _ownsDatabase = ownsDatabase;
    }

    public string Folder { get; }
    public string DbPath { get; }
    public string Engine { get; }

    /// <summary>The host's PostgreSQL database; null on SQLite.</summary>
    public string? ConnectionString { get; }

    public bool OnPostgreSql => ConnectionString is not null;
    public string OutboxPath => Path.Combine(Folder, "outbox");
    public WebApplication App { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>An admin acting for the national scope, as the officer who launches a national appeal.</summary>
    public CurrentUser Admin { get; private set; } = null!;

    /// <param name="settings">More configuration, as command-line arguments (<c>--Channels:Email:Host=…</c>).</param>
    public static ProductHost Create(string root, string name, params string[] settings) => CreateOn(Engines.Sqlite, root, name, settings);

    /// <summary>A host on the named engine with a database of its own (a name of its own: with <c>params</c>, an overload would take settings for names).</summary>
    public static ProductHost CreateOn(string engine, string root, string name, params string[] settings)
    {
        string? connectionString = null;
        if (engine == Engines.PostgreSql)
        {
            var database = $"ce_bench_{Environment.ProcessId}_{name.Replace('-', '_')}";
            using var server = new NpgsqlConnection(Engines.Server);
            server.Open();
            server.Execute($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            server.Execute($"CREATE DATABASE \"{database}\"");
            connectionString = new NpgsqlConnectionStringBuilder(Engines.Server) { Database = database, MaxPoolSize = 100 }.ConnectionString;
        }
        var host = Build(engine, root, name, connectionString, ownsDatabase: true, settings);
        using var connection = host.Open();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO auth_user (login, password_hash, role, created_at) VALUES ('bench', '-', 'admin', @at) RETURNING id
            """, new { at = DateTimeOffset.UtcNow });
        host.Admin = new CurrentUser(id, "bench", Roles.Admin, null, null);
        return host;
    }

    /// <summary>A second host on <paramref name="first"/>'s PostgreSQL database (several hosts, ADR 0013), in a folder of its own.</summary>
    public static ProductHost Beside(ProductHost first, string root, string name, params string[] settings)
    {
        if (!first.OnPostgreSql) throw new InvalidOperationException("Several hosts share a PostgreSQL database, never a SQLite file.");
        var host = Build(first.Engine, root, name, first.ConnectionString, ownsDatabase: false, settings);
        host.Admin = first.Admin;
        return host;
    }

    private static ProductHost Build(string engine, string root, string name, string? connectionString, bool ownsDatabase, string[] settings)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        var app = CampaignHost.Build(
        [
            $"--Database:Path={Path.Combine(folder, "bench.db")}",
            .. connectionString is null ? Array.Empty<string>() : ["--Database:Provider=postgresql", $"--ConnectionStrings:CampaignEngine={connectionString}"],
            $"--Outbox:Path={Path.Combine(folder, "outbox")}",
            $"--DataProtection:KeysPath={Path.Combine(folder, "keys")}",
            "--Demo:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            "--urls=http://127.0.0.1:0",
            .. settings,
        ]);
        return new ProductHost(folder, app, engine, connectionString, ownsDatabase);
    }

    /// <summary>A plain connection for the limits and the bookkeeping, never for the product's own work.</summary>
    public DbConnection Open()
    {
        DbConnection connection = OnPostgreSql ? new NpgsqlConnection(ConnectionString) : new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        return connection;
    }

    /// <summary>The SQLite file's connection, for the SQLite-only parts (VACUUM INTO, native generators).</summary>
    public SqliteConnection OpenSqlite() => OnPostgreSql
        ? throw new InvalidOperationException("This part of the bench runs on SQLite only.")
        : (SqliteConnection)Open();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (!OnPostgreSql)
        {
            SqliteConnection.ClearAllPools();
            return;
        }
        NpgsqlConnection.ClearAllPools();
        if (!_ownsDatabase) return;
        using var server = new NpgsqlConnection(Engines.Server);
        server.Open();
        server.Execute($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)");
    }
}
