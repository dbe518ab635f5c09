using CampaignEngine.Web;
using CampaignEngine.Web.Features.Auth;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Bench;

/// <summary>
/// The real host (<see cref="CampaignHost.Build"/>: same services, same migrations) on a fresh SQLite file in a
/// temporary folder. It is built but not started: the items call its services directly, and no Hangfire server
/// or demo seeder runs behind their backs.
/// </summary>
internal sealed class ProductHost : IAsyncDisposable
{
    private ProductHost(string folder, WebApplication app)
    {
        Folder = folder;
        App = app;
        DbPath = Path.Combine(folder, "bench.db");
    }

    public string Folder { get; }
    public string DbPath { get; }
    public string OutboxPath => Path.Combine(Folder, "outbox");
    public WebApplication App { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>An admin acting for the national scope, as the officer who launches a national appeal.</summary>
    public CurrentUser Admin { get; private set; } = null!;

    /// <param name="settings">More configuration, as command-line arguments (<c>--Channels:Email:Host=…</c>).</param>
    public static ProductHost Create(string root, string name, params string[] settings)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        var app = CampaignHost.Build(
        [
            $"--Database:Path={Path.Combine(folder, "bench.db")}",
            $"--Outbox:Path={Path.Combine(folder, "outbox")}",
            $"--DataProtection:KeysPath={Path.Combine(folder, "keys")}",
            "--Demo:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
            "--urls=http://127.0.0.1:0",
            .. settings,
        ]);
        var host = new ProductHost(folder, app);
        using var connection = host.Open();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO auth_user (login, password_hash, role, created_at) VALUES ('bench', '-', 'admin', @at) RETURNING id
            """, new { at = DateTimeOffset.UtcNow });
        host.Admin = new CurrentUser(id, "bench", Roles.Admin, null, null);
        return host;
    }

    /// <summary>A plain connection for the limits and the bookkeeping, never for the product's own work.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
