using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Operations;

public sealed class HealthTestsOnSqlite() : HealthTests(TestHost.Sqlite);

public sealed class HealthTestsOnPostgreSql() : HealthTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class HealthTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Live_and_the_old_health_address_answer_200_to_anyone()
    {
        var anonymous = _host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    [SkippableFact]
    public async Task Ready_says_the_database_is_reachable_with_its_migrations_done_and_the_job_store_answers()
    {
        var ready = await _host.CreateClient().GetJson("/health/ready");
        Assert.Equal("Healthy", (string)ready["status"]!);
        Assert.Equal("reachable, migrations done", (string)ready["checks"]!["database"]!["description"]!);
        Assert.Equal("Healthy", (string)ready["checks"]!["jobs"]!["status"]!);
    }

    [SkippableFact]
    public async Task Ready_answers_503_naming_the_database_while_a_migration_of_this_build_is_not_applied()
    {
        var client = _host.CreateClient();
        TestCompatriots.Scalar(_host, "DELETE FROM schema_migration WHERE name = (SELECT MAX(name) FROM schema_migration) RETURNING 1");

        var response = await client.GetAsync("/health/ready");
        var body = await response.ReadNode();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", (string)body["checks"]!["database"]!["status"]!);
        Assert.Equal("1 migrations not applied", (string)body["checks"]!["database"]!["description"]!);
        // Still alive: a restart would not help, the load balancer just keeps traffic away.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
