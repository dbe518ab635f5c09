using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Tests.Operations;

/// <summary>
/// <c>backup</c> and <c>restore</c> as an operator runs them: a backup of a running host's database (the demo registry,
/// a sent campaign), restored into a fresh host's place; the fresh host starts on it, ready, with every table holding
/// the rows it held at the backup.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ce-backup").FullName;

    [Fact]
    public async Task A_backup_of_a_running_host_restored_into_a_fresh_host_holds_the_same_rows_in_every_table()
    {
        var backup = Path.Combine(_folder, "backup.db");
        Dictionary<string, long> counted;
        using (var running = new TestHost(demo: true, demoCompatriots: 300))
        {
            var admin = running.AdminClient();
            var campaign = (long)(await admin.PostJson("/api/campaigns",
                new { moduleId = "issyk-kul", name = "Before the backup", window = new { from = "00:00", to = "24:00" } }, HttpStatusCode.Created))["id"]!;
            await admin.PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
            await Eventually.True(async () => (string)(await admin.GetJson($"/api/campaigns/{campaign}"))["status"]! == "completed", seconds: 90);
            await HangfireIdle.NothingRunningAsync(running);

            var (code, output, _) = await RunAsync("backup", backup, "--database", running.DatabasePath);
            Assert.Equal(0, code);
            Assert.Contains("Backed up", output, StringComparison.Ordinal);
            counted = Counts(running.DatabasePath);
            AssertSameRows(counted, Counts(backup));
            Assert.True(counted["send_message"] > 0 && counted["directory_compatriot"] == 300, string.Join(", ", counted));
        }

        using var fresh = new TestHost();
        var (restored, said, _) = await RunAsync("restore", backup, "--database", fresh.DatabasePath);
        Assert.Equal(0, restored);
        Assert.Contains("Restored", said, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fresh.CreateClient().GetAsync("/health/ready")).StatusCode);
        await HangfireIdle.NothingRunningAsync(fresh);
        AssertSameRows(counted, Counts(fresh.DatabasePath));
        Assert.Equal(300, (long)(await fresh.AdminClient().GetJson("/api/compatriots?pageSize=1"))["total"]!);
    }

    [Fact]
    public async Task Restore_refuses_to_replace_a_database_without_force_and_refuses_a_file_that_is_no_backup()
    {
        using var host = new TestHost();
        _ = host.Server;
        var backup = Path.Combine(_folder, "backup.db");
        Assert.Equal(0, (await RunAsync("backup", backup, "--database", host.DatabasePath)).Code);
        Assert.Equal(1, (await RunAsync("backup", backup, "--database", host.DatabasePath)).Code);

        var target = Path.Combine(_folder, "live", "campaign-engine.db");
        Assert.Equal(0, (await RunAsync("restore", backup, "--database", target)).Code);
        var (refused, _, error) = await RunAsync("restore", backup, "--database", target);
        Assert.Equal(1, refused);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("restore", backup, "--database", target, "--force")).Code);

        var notABackup = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(notABackup, "not a database");
        Assert.Equal(1, (await RunAsync("restore", notABackup, "--database", Path.Combine(_folder, "other.db"))).Code);
        Assert.Equal(64, (await RunAsync("restore")).Code);
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = Commands.Find(args) ?? throw new InvalidOperationException($"No command {args[0]}");
        return (await command(output, error), output.ToString(), error.ToString());
    }

    internal static void AssertSameRows(Dictionary<string, long> expected, Dictionary<string, long> actual)
    {
        var differ = expected.Keys.Union(actual.Keys)
            .Where(t => expected.GetValueOrDefault(t, -1) != actual.GetValueOrDefault(t, -1))
            .Select(t => $"{t}: {expected.GetValueOrDefault(t, -1)} → {actual.GetValueOrDefault(t, -1)}").ToList();
        Assert.True(differ.Count == 0, "Rows differ: " + string.Join(", ", differ));
    }

    /// <summary>Rows per table, every table of the database.</summary>
    private static Dictionary<string, long> Counts(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .ToDictionary(t => t, t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{t}\""));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
