using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Features.Sending.Quota;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CampaignEngine.Web.Tests.Sending;

public sealed class ChannelQuotaTestsOnSqlite() : ChannelQuotaTests(TestHost.Sqlite);

public sealed class ChannelQuotaTestsOnPostgreSql() : ChannelQuotaTests(TestHost.PostgreSql);

/// <summary>Provider limits per second and per day, counted in the database that every host shares. Runs on both engines (ADR 0012).</summary>
public abstract class ChannelQuotaTests(string engine) : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly string _folder = Directory.CreateTempSubdirectory("ce-quota").FullName;

    private string? _postgres;

    /// <summary>Two quotas on one database (a file, or a PostgreSQL database): what two hosts sharing the database would each have.</summary>
    private (ChannelQuota First, ChannelQuota Second) TwoHosts(TimeProvider clock)
    {
        var options = engine == TestHost.PostgreSql
            ? new DatabaseOptions { Provider = DatabaseOptions.PostgreSqlName, ConnectionString = _postgres = TestPostgres.CreateDatabase() }
            : new DatabaseOptions { Path = Path.Combine(_folder, "shared.db") };
        var db = new Db(Options.Create(options));
        new Migrator(db, NullLogger<Migrator>.Instance).Run();
        var other = new Db(Options.Create(options));
        return (new ChannelQuota(db, clock), new ChannelQuota(other, clock));
    }

    [SkippableFact]
    public async Task A_daily_limit_is_shared_by_two_hosts_and_then_says_when_it_comes_back()
    {
        var clock = new ShiftedClock();
        var (first, second) = TwoHosts(clock);
        var limits = new ChannelLimits(null, PerDay: 10);

        var grants = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).AcquireAsync("sms", limits, 3, CancellationToken.None)));

        Assert.Equal(10, grants.Sum(g => g.Count));
        var exhausted = grants.Where(g => g.Count == 0).ToList();
        Assert.NotEmpty(exhausted);
        var midnight = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        Assert.All(exhausted, g => Assert.Equal(midnight, g.ExhaustedUntil));

        // The next UTC day brings a fresh allowance.
        clock.Advance(midnight - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.Equal(3, (await first.AcquireAsync("sms", limits, 3, CancellationToken.None)).Count);
        // Another channel has its own count.
        Assert.Equal(3, (await second.AcquireAsync("email", limits, 3, CancellationToken.None)).Count);
    }

    [SkippableFact]
    public async Task A_per_second_limit_holds_across_two_hosts_asking_at_once()
    {
        var (first, second) = TwoHosts(TimeProvider.System);
        var limits = new ChannelLimits(PerSecond: 20, null);
        var granted = 0;
        var firstSecond = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var until = DateTime.UtcNow.AddSeconds(2.5);

        async Task Ask(ChannelQuota quota)
        {
            while (DateTime.UtcNow < until)
                Interlocked.Add(ref granted, (await quota.AcquireAsync("whatsapp", limits, 4, CancellationToken.None)).Count);
        }
        await Task.WhenAll(Ask(first), Ask(second), Ask(first), Ask(second));

        // Each whole second the test touched may grant 20 and no more, whichever host asks. How much of each second's
        // allowance a loaded machine manages to ask for is its speed, not the quota's: that is not judged here.
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - firstSecond + 1;
        Assert.InRange(granted, 20, 20 * seconds);
    }

    [SkippableFact]
    public async Task Past_the_daily_limit_messages_wait_for_the_next_day_without_using_an_attempt()
    {
        var sms = ProviderStub.For("sms");
        _server.Given(Request.Create().WithPath(sms.Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(sms.SuccessBody));
        using var host = new ChannelHost(engine, new Dictionary<string, string>
        {
            ["Channels:Sms:BaseUrl"] = _server.Url + "/api",
            ["Channels:Sms:Token"] = ProviderStub.SmsToken,
            ["Channels:Sms:RatePerDay"] = "3",
        });
        var created = await host.Admin.PostJson("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "Daily cap", template = "appeal", channels = new[] { "sms" }, window = new { from = "00:00", to = "24:00" },
        }, HttpStatusCode.Created);
        var id = (long)created["id"]!;
        for (var i = 0; i < 5; i++)
            host.Insert(new($"Person {i}", "female", "KG-Y", "AE", "ru", Phone: $"+97150123450{i}", Channels: "sms"));
        Assert.Equal(HttpStatusCode.Accepted, (await host.Admin.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        await host.DispatchAsync(id);

        await Eventually.True(() => Task.FromResult(host.Ledger(id).Count(r => r.Status == "sent") == 3));
        Assert.Equal(3, _server.LogEntries.Count());
        var waiting = host.Ledger(id).Where(r => r.Status == "pending").ToList();
        Assert.Equal(2, waiting.Count);
        var midnight = DateTime.UtcNow.Date.AddDays(1);
        Assert.All(waiting, r =>
        {
            Assert.Equal(0, r.Attempts);
            Assert.Equal(midnight, DateTimeOffset.Parse(r.NotBefore, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
        });
    }

    public void Dispose()
    {
        _server.Stop();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null) TestPostgres.DropDatabase(_postgres);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
