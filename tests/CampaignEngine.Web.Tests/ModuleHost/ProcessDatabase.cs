using System.Data.Common;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CampaignEngine.Web.Tests.ModuleHost;

/// <summary>
/// The database a test's host processes run on: the SQLite file in their data folder, or on PostgreSQL a database of
/// its own on the test cluster, which every process started with <see cref="With"/> shares and which goes with this.
/// </summary>
internal sealed class ProcessDatabase(string engine) : IDisposable
{
    private readonly string? _postgres = engine == TestHost.PostgreSql ? TestPostgres.CreateDatabase() : null;

    /// <summary><paramref name="settings"/> and, on PostgreSQL, the settings that point a host process at this database.</summary>
    public Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(settings);
        if (_postgres is null) return all;
        all["Database:Provider"] = TestHost.PostgreSql;
        all["ConnectionStrings:CampaignEngine"] = _postgres;
        return all;
    }

    /// <summary>A connection straight to the database <paramref name="host"/> runs on.</summary>
    public DbConnection Open(HostProcess host)
    {
        DbConnection connection = _postgres is null ? new SqliteConnection($"Data Source={host.DatabasePath}") : new NpgsqlConnection(_postgres);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        if (_postgres is not null) TestPostgres.DropDatabase(_postgres);
    }
}
