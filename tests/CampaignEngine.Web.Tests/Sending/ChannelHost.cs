using System.Net.Http.Headers;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Sending;

/// <summary>The real host with channel settings (and optionally a clock the test controls), plus ledger reads the API does not expose.</summary>
public sealed class ChannelHost : IDisposable
{
    private readonly TestHost _root;

    public ChannelHost(IReadOnlyDictionary<string, string> settings, TimeProvider? clock = null) : this(TestHost.Sqlite, settings, clock) { }

    /// <param name="engine"><see cref="TestHost.Sqlite"/> or <see cref="TestHost.PostgreSql"/> (a database of its own on the test cluster).</param>
    public ChannelHost(string engine, IReadOnlyDictionary<string, string> settings, TimeProvider? clock = null)
    {
        _root = new TestHost(engine);
        Factory = _root.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            if (clock is not null) b.ConfigureTestServices(s => s.AddSingleton(clock));
        });
        Admin = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestHost.AdminKey);
    }

    /// <summary>
    /// The folder and database of the host. Only for paths: starting <c>Root</c> itself (its Server or Services) would run
    /// a second host on the same database without this host's channel settings, whose own dispatch sends to the outbox.
    /// </summary>
    public TestHost Root => _root;

    /// <summary>A person in this host's directory (the host, started by the constructor, has made the schema).</summary>
    public long Insert(TestCompatriot person)
    {
        _ = Factory.Server;
        using var connection = _root.OpenDatabase();
        return TestCompatriots.Insert(connection, person);
    }
    public WebApplicationFactory<Program> Factory { get; }
    public HttpClient Admin { get; }

    /// <summary>
    /// Runs the dispatcher for a campaign now, as the Hangfire job would, so these tests wait on the
    /// channels and not on Hangfire's polling. The host's own job may run alongside; claims are atomic.
    /// </summary>
    public async Task DispatchAsync(long campaignId)
    {
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CampaignEngine.Web.Features.Sending.Dispatcher>().DispatchCampaignAsync(campaignId, CancellationToken.None);
    }

    public sealed record LedgerRow(long Id, long CompatriotId, string Status, long Attempts, string NotBefore, string? ProviderId, string? Error, string Token);

    public IReadOnlyList<LedgerRow> Ledger(long campaignId)
    {
        using var connection = _root.OpenDatabase();
        return connection.Query<LedgerRow>("""
            SELECT id AS Id, compatriot_id AS CompatriotId, status AS Status, attempts AS Attempts, not_before AS NotBefore,
                   provider_id AS ProviderId, error AS Error, token AS Token
            FROM send_message WHERE campaign_id = @campaignId ORDER BY id
            """, new { campaignId }).ToList();
    }

    public void Dispose()
    {
        Admin.Dispose();
        Factory.Dispose();
        _root.Dispose();
    }
}
