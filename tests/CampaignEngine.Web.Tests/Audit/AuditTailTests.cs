using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Audit;

public sealed class AuditTailTestsOnSqlite() : AuditTailTests(TestHost.Sqlite);

public sealed class AuditTailTestsOnPostgreSql() : AuditTailTests(TestHost.PostgreSql);

/// <summary>Entries cut off the end of the chain leave the chain itself intact; the anchor beside it tells.</summary>
public abstract class AuditTailTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Deleting_the_last_entries_is_detected(int removed)
    {
        var admin = _host.AdminClient();
        for (var i = 0; i < 5; i++)
            await admin.PostJson("/api/users", new { login = $"tail-{removed}-{i}", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        Assert.True((bool)(await admin.GetJson("/api/audit/verify"))["ok"]!);

        long firstRemoved;
        using (var connection = _host.OpenDatabase())
        {
            connection.Execute(DropTrigger("audit_log_no_delete"));
            firstRemoved = connection.ExecuteScalar<long>("SELECT id FROM audit_log ORDER BY id DESC LIMIT 1 OFFSET @skip", new { skip = removed - 1 });
            connection.Execute("DELETE FROM audit_log WHERE id >= @firstRemoved", new { firstRemoved });
        }

        var verify = await admin.GetJson("/api/audit/verify");
        Assert.False((bool)verify["ok"]!);
        Assert.Equal(firstRemoved, (long)verify["firstBrokenId"]!);
        // The database as an operator names it: the SQLite file, or PostgreSQL's settings as the host takes them.
        string[] database = _host.ConnectionString is { } postgres
            ? ["Database:Provider=postgresql", "ConnectionStrings:CampaignEngine=" + postgres]
            : ["--database", _host.DatabasePath];
        var command = await Certificates.HostCommand.RunAsync(_host.Root, ["audit-verify", .. database]);
        Assert.Equal(1, command.ExitCode);
    }

    [SkippableFact]
    public async Task Cutting_the_end_and_appending_again_is_still_detected()
    {
        var admin = _host.AdminClient();
        for (var i = 0; i < 3; i++)
            await admin.PostJson("/api/users", new { login = $"again-{i}", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        using (var connection = _host.OpenDatabase())
        {
            connection.Execute(DropTrigger("audit_log_no_delete"));
            connection.Execute("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)");
        }
        // The next entry links to the surviving end, so the chain holds; the count in the anchor does not.
        await admin.PostJson("/api/users", new { login = "again-late", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        Assert.False((bool)(await admin.GetJson("/api/audit/verify"))["ok"]!);
    }

    [SkippableFact]
    public async Task The_anchor_cannot_be_deleted_and_an_untouched_log_verifies()
    {
        await _host.AdminClient().PostJson("/api/users", new { login = "anchor-1", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        Assert.True((bool)(await _host.AdminClient().GetJson("/api/audit/verify"))["ok"]!);
        using var connection = _host.OpenDatabase();
        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("DELETE FROM audit_anchor"));
        Assert.Equal(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log"), connection.ExecuteScalar<long>("SELECT entries FROM audit_anchor"));
    }

    // PostgreSQL names a trigger's table when dropping it; SQLite's trigger names are the database's own.
    private string DropTrigger(string name) => engine == TestHost.PostgreSql ? $"DROP TRIGGER {name} ON audit_log" : $"DROP TRIGGER {name}";

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
