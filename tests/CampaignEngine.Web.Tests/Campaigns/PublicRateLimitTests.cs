using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class PublicRateLimitTestsOnSqlite() : PublicRateLimitTests(TestHost.Sqlite);

public sealed class PublicRateLimitTestsOnPostgreSql() : PublicRateLimitTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class PublicRateLimitTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Guessing_tracked_links_is_stopped_after_a_minutes_worth()
    {
        var client = _host.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 70; i++)
            statuses.Add((await client.GetAsync($"/r/{i:x32}")).StatusCode);
        Assert.Equal(60, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
