using Npgsql;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL cluster that <c>.ci/run</c> starts (CAMPAIGNENGINE_TEST_POSTGRES: a connection string with
/// the right to create databases). Each test host gets its own database, made empty here and dropped with the host, so
/// tests stay independent and run in parallel. Under CI a missing cluster fails the test; on a workstation it skips.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CAMPAIGNENGINE_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Makes a new empty database and returns its connection string; skips or fails when there is no cluster.</summary>
    public static string CreateDatabase()
    {
        var server = Server;
        if (server is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"CI=true but {Variable} is not set: .ci/run starts PostgreSQL and sets it.");
            throw new SkipException($"PostgreSQL is not available: set {Variable} (see docs/postgresql.md) to run this test on PostgreSQL.");
        }
        var name = "ce_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing what a host left open.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
