using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests;

public sealed class HostSmokeTestsOnSqlite() : HostSmokeTests(TestHost.Sqlite);

public sealed class HostSmokeTestsOnPostgreSql() : HostSmokeTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class HostSmokeTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Health_answers_200()
    {
        var response = await _host.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Ready_says_the_database_answers_and_every_migration_is_applied()
    {
        var response = await _host.CreateClient().GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("migrations done", body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Api_without_key_is_401()
    {
        var response = await _host.CreateClient().GetAsync("/api/modules");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableFact]
    public async Task Pages_forbid_framing_scripts_from_elsewhere_and_referrers()
    {
        var response = await _host.CreateClient().GetAsync("/account/login");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
