using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// <c>backup</c> and <c>restore</c> on PostgreSQL, as an operator runs them (pg_dump and pg_restore under the host's
/// commands): a running host's database, restored into a fresh database; a fresh host starts on it, ready, with every
/// table holding the rows it held at the backup, and a cookie-free API key of the old host still opens it (the key ring
/// and the users went along). SQLite's side is <see cref="BackupTests"/>.
/// </summary>
public sealed class PostgreSqlBackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ce-pg-backup").FullName;

    [SkippableFact]
    public async Task A_backup_of_a_running_host_restored_into_a_fresh_database_holds_the_same_rows_in_every_table()
    {
        var backup = Path.Combine(_folder, "campaign-engine.dump");
        Dictionary<string, long> counted;
        string key;
        using (var running = new TestHost(demo: true, demoCompatriots: 300, engine: TestHost.PostgreSql))
        {
            key = await Security.Users.CreateWithKey(running, "officer-before-backup", "officer");
            var (code, output, error) = await RunAsync("backup", backup, Settings(running.ConnectionString!));
            Assert.True(code == 0, output + error);
            Assert.Contains("Backed up", output, StringComparison.Ordinal);
            counted = Counts(running.ConnectionString!);
            Assert.True(counted["directory_compatriot"] == 300 && counted["auth_api_key"] > 0, string.Join(", ", counted));
        }

        var database = TestPostgres.CreateDatabase();
        var (restored, said, failed) = await RunAsync("restore", backup, Settings(database));
        Assert.True(restored == 0, said + failed);
        Assert.Contains("Restored", said, StringComparison.Ordinal);
        // Counted before a host starts on it: a starting host adds its own lease to send_host (ADR 0013).
        BackupTests.AssertSameRows(counted, Counts(database));
        using var fresh = new TestHost(demo: false, engine: TestHost.PostgreSql, database: database);
        Assert.Equal(HttpStatusCode.OK, (await fresh.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.ClientWithKey(key).GetAsync("/api/compatriots?pageSize=1")).StatusCode);
    }

    [SkippableFact]
    public async Task Restore_refuses_to_replace_a_database_without_force_and_refuses_a_file_that_is_no_backup()
    {
        using var host = new TestHost(TestHost.PostgreSql);
        _ = host.Server;
        var backup = Path.Combine(_folder, "backup.dump");
        Assert.Equal(0, (await RunAsync("backup", backup, Settings(host.ConnectionString!))).Code);
        Assert.Equal(1, (await RunAsync("backup", backup, Settings(host.ConnectionString!))).Code);

        var target = TestPostgres.CreateDatabase();
        try
        {
            Assert.Equal(0, (await RunAsync("restore", backup, Settings(target))).Code);
            var (refused, _, error) = await RunAsync("restore", backup, Settings(target));
            Assert.Equal(1, refused);
            Assert.Contains("--force", error, StringComparison.Ordinal);
            var (forced, output, why) = await RunAsync("restore", backup, Settings(target), "--force");
            Assert.True(forced == 0, output + why);

            var notABackup = Path.Combine(_folder, "notes.txt");
            await File.WriteAllTextAsync(notABackup, "not a database");
            Assert.Equal(1, (await RunAsync("restore", notABackup, Settings(target), "--force")).Code);
        }
        finally
        {
            TestPostgres.DropDatabase(target);
        }
    }

    /// <summary>The database as the operator's settings name it, given as the host takes settings (key=value).</summary>
    private static string[] Settings(string connectionString) =>
        ["Database:Provider=postgresql", "ConnectionStrings:CampaignEngine=" + connectionString];

    private static Task<(int Code, string Output, string Error)> RunAsync(string name, string file, string[] settings, params string[] flags) =>
        BackupTests.RunAsync([name, file, .. flags, .. settings]);

    /// <summary>Rows per table, every table of the product's schema (Hangfire keeps its own, which a backup leaves out).</summary>
    private static Dictionary<string, long> Counts(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
            .ToList().ToDictionary(t => t, t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{t}\""));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
