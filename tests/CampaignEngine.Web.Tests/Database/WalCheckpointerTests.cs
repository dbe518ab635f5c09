using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Database;

/// <summary>
/// Commits no longer copy the write-ahead log into the database file themselves (that waits for the log to pass
/// <see cref="Db.AutoCheckpointPages"/>); the host's background checkpointer must do it, or the log only grows.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly TestHost _host = new();

    [Fact]
    public async Task Committed_pages_reach_the_database_file_without_a_commit_copying_them()
    {
        _host.CreateClient();
        var db = _host.Services.GetRequiredService<Db>();
        using (var connection = db.Open())
        {
            // A few megabytes in a scratch table: far below SQLite's own threshold of 10,000 pages (40 MB).
            connection.Execute("CREATE TABLE checkpoint_probe (id INTEGER PRIMARY KEY, filler TEXT NOT NULL)");
            connection.Execute("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
                INSERT INTO checkpoint_probe (id, filler) SELECT i, hex(randomblob(1000)) FROM n
                """);
            Assert.True(connection.ExecuteScalar<long>("PRAGMA wal_autocheckpoint") >= Db.AutoCheckpointPages);
        }
        var pagesWritten = new FileInfo(db.FilePath + "-wal").Length / 4096;
        Assert.True(pagesWritten > 1_000, $"The test wrote only {pagesWritten} log pages.");

        // The probe's rows are in the database file itself once the checkpointer has run: the file holds 6 MB of them.
        await Eventually.True(() => Task.FromResult(new FileInfo(db.FilePath).Length > 6_000_000), seconds: 10);
    }

    public void Dispose() => _host.Dispose();
}
