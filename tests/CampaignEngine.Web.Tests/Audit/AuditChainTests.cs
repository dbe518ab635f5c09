using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Tests.Audit;

public sealed class AuditChainTestsOnSqlite() : AuditChainTests(TestHost.Sqlite);

public sealed class AuditChainTestsOnPostgreSql() : AuditChainTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class AuditChainTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Actions_are_chained_and_tampering_with_one_row_is_found()
    {
        var admin = _host.AdminClient();
        var person = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-Y", "AE"));
        var campaign = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Lake" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
        var pledge = (long)(await admin.PostJson("/api/pledges", new { compatriotId = person, kind = "money", amount = 10, currency = "USD" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/pledges/{pledge}/cancel", new { reason = "test" }, HttpStatusCode.OK);
        await admin.PostJson("/api/users", new { login = "auditor-test", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);

        var entries = (await admin.GetJson("/api/audit")).AsArray();
        var actions = entries.Select(e => (string)e!["action"]!).ToList();
        Assert.Contains("campaign.launch", actions);
        Assert.Contains("pledge.record", actions);
        Assert.Contains("pledge.cancelled", actions);
        Assert.Contains("user.create", actions);
        Assert.DoesNotContain("Айгүл", entries.ToJsonString());     // ids, never names
        Assert.True((bool)(await admin.GetJson("/api/audit/verify"))["ok"]!);

        // Someone with the database file edits history: the triggers must be dropped first, and the chain still tells.
        using (var connection = _host.OpenDatabase())
        {
            connection.Execute(DropTrigger("audit_log_no_update"));
            var target = connection.ExecuteScalar<long>("SELECT id FROM audit_log WHERE action = 'pledge.cancelled'");
            connection.Execute("UPDATE audit_log SET actor = 'someone-else' WHERE id = @target", new { target });
            var verify = await admin.GetJson("/api/audit/verify");
            Assert.False((bool)verify["ok"]!);
            Assert.Equal(target, (long)verify["firstBrokenId"]!);
        }
    }

    [SkippableFact]
    public async Task The_audit_verify_command_checks_the_database_without_a_server()
    {
        await _host.AdminClient().PostJson("/api/users", new { login = "cmd-officer", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        await _host.AdminClient().PostJson("/api/users", new { login = "cmd-officer-2", password = "long-password-1", role = "officer" }, HttpStatusCode.Created);
        // The database as an operator names it: the SQLite file, or PostgreSQL's settings as the host takes them.
        string[] database = _host.ConnectionString is { } postgres
            ? ["Database:Provider=postgresql", "ConnectionStrings:CampaignEngine=" + postgres]
            : ["--database", _host.DatabasePath];
        var ok = await Certificates.HostCommand.RunAsync(_host.Root, ["audit-verify", .. database]);
        Assert.True(ok.ExitCode == 0, ok.Output + ok.Error);
        using (var connection = _host.OpenDatabase())
        {
            connection.Execute(_host.ConnectionString is null ? "DROP TRIGGER audit_log_no_delete" : "DROP TRIGGER audit_log_no_delete ON audit_log");
            connection.Execute("DELETE FROM audit_log WHERE id = (SELECT MIN(id) FROM audit_log)");
        }
        var broken = await Certificates.HostCommand.RunAsync(_host.Root, ["audit-verify", .. database]);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("BROKEN", broken.Output);
    }

    [SkippableFact]
    public void The_log_refuses_updates_and_deletes()
    {
        TestCompatriots.Scalar(_host, "SELECT 1");
        using var connection = _host.OpenDatabase();
        connection.Execute("INSERT INTO audit_log (at, actor, action, prev_hash, hash) VALUES ('x', 'x', 'x', 'x', 'x')");
        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("UPDATE audit_log SET actor = 'y'"));
        Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute("DELETE FROM audit_log"));
    }

    // PostgreSQL names a trigger's table when dropping it; SQLite's trigger names are the database's own.
    private string DropTrigger(string name) => engine == TestHost.PostgreSql ? $"DROP TRIGGER {name} ON audit_log" : $"DROP TRIGGER {name}";

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
