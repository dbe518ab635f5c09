using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Tests.Audit;

/// <summary>Entries cut off the end of the chain leave the chain itself intact; the anchor beside it tells.</summary>
public sealed class AuditTailTests : IDisposable
{
    private readonly TestHost _host = new();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Deleting_the_last_entries_is_detected(int removed)
    {
        var admin = _host.AdminClient();
        for (var i = 0; i < 5; i++)
            await admin.PostJson("/api/users", new { login = $"tail-{removed}-{i}", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        Assert.True((bool)(await admin.GetJson("/api/audit/verify"))["ok"]!);

        long firstRemoved;
        using (var connection = Open())
        {
            connection.Execute("DROP TRIGGER audit_log_no_delete");
            firstRemoved = connection.ExecuteScalar<long>("SELECT id FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET @skip", new { skip = removed - 1 });
            connection.Execute("DELETE FROM audit_log WHERE id >= @firstRemoved", new { firstRemoved });
        }

        var verify = await admin.GetJson("/api/audit/verify");
        Assert.False((bool)verify["ok"]!);
        Assert.Equal(firstRemoved, (long)verify["firstBrokenId"]!);
        var command = await Certificates.HostCommand.RunAsync(_host.Root, "audit-verify", "--database", _host.DatabasePath);
        Assert.Equal(1, command.ExitCode);
    }

    [Fact]
    public async Task Cutting_the_end_and_appending_again_is_still_detected()
    {
        var admin = _host.AdminClient();
        for (var i = 0; i < 3; i++)
            await admin.PostJson("/api/users", new { login = $"again-{i}", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        using (var connection = Open())
        {
            connection.Execute("DROP TRIGGER audit_log_no_delete");
            connection.Execute("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)");
        }
        // The next entry links to the surviving end, so the chain holds; the count in the anchor does not.
        await admin.PostJson("/api/users", new { login = "again-late", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        Assert.False((bool)(await admin.GetJson("/api/audit/verify"))["ok"]!);
    }

    [Fact]
    public async Task The_anchor_cannot_be_deleted_and_an_untouched_log_verifies()
    {
        await _host.AdminClient().PostJson("/api/users", new { login = "anchor-1", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        Assert.True((bool)(await _host.AdminClient().GetJson("/api/audit/verify"))["ok"]!);
        using var connection = Open();
        Assert.Throws<SqliteException>(() => connection.Execute("DELETE FROM audit_anchor"));
        Assert.Equal(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log"), connection.ExecuteScalar<long>("SELECT entries FROM audit_anchor"));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_host.DatabasePath}");
        connection.Open();
        return connection;
    }

    public void Dispose() => _host.Dispose();
}
