using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CampaignEngine.TestSupport.Smtp;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace CampaignEngine.Web.Tests.Sending;

/// <summary>
/// Several hosts on one PostgreSQL database (issue 19, ADR 0013), as deployed: two real host processes share one
/// database and one real SMTP server, send one campaign of 20,000 e-mails together, and one of them is killed with
/// SIGKILL in the middle. Everyone still gets the message; the only people who may get it twice are those whose rows
/// the killed host held in 'sending' at the kill — at most one claimed batch of the killed host (the bound the test
/// states; ADR 0002's pipeline makes it at most the last unwritten group in practice). The killed host's rows stay
/// its own until its lease runs out, then go back to the queue for the survivor. Both hosts answer a public appeal
/// page throughout (the killed one until it dies), and a campaign scheduled a few seconds ahead launches once.
/// Runs alone: two hosts and a sink sending 20,000 messages would slow every neighbour.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class MultiHostKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Recipients = 20_000;
    private const int Scheduled = 50;
    private const int BatchSize = 500;
    // Short, so the test sees the killed host's rows come back; several renewals (every LeaseSeconds / 4, at most 2 s)
    // still fit in it on a loaded machine, so a live host never loses its rows.
    private const int LeaseSeconds = 10;

    private readonly List<IDisposable> _owned = [];
    private readonly List<string> _folders = [];
    private string _database = "";

    [SkippableFact]
    public async Task Two_hosts_send_twenty_thousand_and_a_killed_host_loses_nothing()
    {
        var clock = Stopwatch.StartNew();
        _database = TestPostgres.CreateDatabase();
        var smtp = Own(await SmtpSink.StartAsync());
        var first = Own(await StartHostAsync(smtp));
        // The first has migrated the database: the people go in while the second starts on the finished schema.
        var seeding = Task.Run(() =>
        {
            SeedCompatriots("AE", Recipients, "person");
            SeedCompatriots("DE", Scheduled, "later");
        });
        var second = Own(await StartHostAsync(smtp));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: both hosts up (pids {first.ProcessId}, {second.ProcessId})");
        await seeding;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: {Recipients + Scheduled} compatriots seeded");
        using var firstApi = Api(first);
        using var secondApi = Api(second);
        var scheduledId = await CreateCampaignAsync(secondApi, "Scheduled", "DE");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: first campaign created");
        await secondApi.PostJson($"/api/campaigns/{scheduledId}/launch", new { at = DateTimeOffset.UtcNow.AddSeconds(5) }, HttpStatusCode.Accepted);
        var campaignId = await CreateCampaignAsync(firstApi, "Everyone", "AE");
        await firstApi.PostJson($"/api/campaigns/{campaignId}/launch", new { }, HttpStatusCode.Accepted);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: launched");

        var token = Query<string>("SELECT token FROM send_message WHERE campaign_id = @campaignId LIMIT 1", new { campaignId }).Single();
        using var pages = new AppealPagePolls(token, first, second);

        // Mid-send: a good part out, both hosts sending, the killed one holding rows in 'sending', the scheduled campaign done.
        await Eventually.True(() => Task.FromResult(
            smtp.Count() >= Recipients / 5 && SendingBy(second).Count > 0 && SentBy(first) > 0 && SentBy(second) > 0
            && Status(scheduledId) == "completed"), seconds: 150);
        var killedAt = DateTimeOffset.UtcNow;
        second.Kill();
        var inFlight = SendingBy(second);
        var receivedAtKill = smtp.Count();
        Assert.NotEmpty(inFlight);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: killed {second.ProcessId} with {receivedAtKill} received and {inFlight.Count} rows of it in 'sending'");

        // Its rows are not taken while its lease lasts: at most a renewal's tick of it had passed at the kill.
        await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds / 2));
        Assert.Equal(inFlight.Order(), SendingBy(second).Order());
        await Eventually.True(() => Task.FromResult(SendingBy(second).Count == 0), seconds: LeaseSeconds + 30);
        var returnedAfter = DateTimeOffset.UtcNow - killedAt;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: its rows back in the queue {returnedAfter.TotalSeconds:F1} s after the kill");

        await Eventually.True(() => Task.FromResult(Status(campaignId) == "completed"), seconds: 150);
        await pages.StopAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s: completed on the survivor");

        var byAddress = smtp.Envelopes().SelectMany(e => e).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        var missing = Enumerable.Range(0, Recipients).Select(i => Address("person", i)).Where(a => !byAddress.ContainsKey(a)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} never received the message, e.g. {string.Join(", ", missing.Take(5))}");
        var twice = byAddress.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        var inFlightAddresses = Query<string>("""
            SELECT c.email FROM send_message m JOIN directory_compatriot c ON c.id = m.compatriot_id WHERE m.id = ANY(@ids)
            """, new { ids = inFlight.ToArray() }).ToHashSet();
        Assert.All(twice, a => Assert.Contains(a, inFlightAddresses));
        Assert.All(byAddress, p => Assert.InRange(p.Value, 1, 2));
        Assert.True(twice.Count <= BatchSize, $"{twice.Count} got the message twice: more than one claimed batch ({BatchSize}) of the killed host");
        Assert.Equal(Recipients, Query<long>("SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaignId AND status = 'sent'", new { campaignId }).Single());

        // The scheduled campaign: one ledger, written once, each of its people reached once, one launch in the log.
        Assert.Equal(Scheduled, Query<long>("SELECT COUNT(*) FROM send_message WHERE campaign_id = @scheduledId AND status = 'sent'", new { scheduledId }).Single());
        Assert.All(Enumerable.Range(0, Scheduled).Select(i => Address("later", i)), a => Assert.Equal(1, byAddress.GetValueOrDefault(a)));
        Assert.Equal(1, Query<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign.launch' AND subject = @subject", new { subject = $"campaign/{scheduledId}" }).Single());

        // The appeal page answered on both hosts throughout: the survivor every time, the killed one until its death.
        var survivor = pages.Of(first);
        Assert.True(survivor.Count >= 10, $"the survivor was asked only {survivor.Count} times");
        Assert.All(survivor, a => Assert.True(a.Status == HttpStatusCode.OK, $"the survivor answered {a}"));
        Assert.Contains(survivor, a => a.Finished > killedAt + returnedAfter);
        var beforeDeath = pages.Of(second).Where(a => a.Finished < killedAt).ToList();
        Assert.True(beforeDeath.Count >= 3, $"the killed host was asked only {beforeDeath.Count} times before the kill");
        Assert.All(beforeDeath, a => Assert.True(a.Status == HttpStatusCode.OK, $"the killed host answered {a} before the kill"));

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s in all; {twice.Count} sent twice of {inFlight.Count} rows in flight at the kill; " +
            $"{SentBy(first)} sent by the survivor; appeal page asked {survivor.Count} times on the survivor, {beforeDeath.Count} on the killed host before the kill");
    }

    private async Task<HostProcess> StartHostAsync(SmtpSink smtp)
    {
        var folder = Directory.CreateTempSubdirectory("ce-multihost").FullName;
        _folders.Add(folder);
        return await HostProcess.StartAsync(folder, new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgresql",
            ["ConnectionStrings:CampaignEngine"] = _database,
            ["Channels:Email:Host"] = "127.0.0.1",
            ["Channels:Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:Email:From"] = "appeals@campaign-engine.test",
            // No per-second limit: as fast as the two hosts and the sink go, so the test stays short.
            ["Channels:Email:RatePerSecond"] = "0",
            ["Sending:BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture),
            ["Sending:LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture),
            // The test polls the public page from one address several times a second.
            ["RateLimits:PublicPerMinute"] = "100000",
        });
    }

    private static HttpClient Api(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostProcess.AdminApiKey);
        return client;
    }

    private static async Task<long> CreateCampaignAsync(HttpClient api, string name, string country) =>
        (long)(await api.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name, channels = new[] { "email" }, segment = new { countries = new[] { country } } }, HttpStatusCode.Created))["id"]!;

    private void SeedCompatriots(string country, int count, string prefix)
    {
        using var connection = new NpgsqlConnection(_database);
        connection.Execute("""
            INSERT INTO directory_compatriot (external_id, full_name, gender, birth_year, home_region, country, time_zone, language,
                email, consent_email, created_at, updated_at)
            SELECT @prefix || '-' || i, 'Person ' || i, CASE WHEN i % 2 = 0 THEN 'female' ELSE 'male' END, 1990, 'KG-Y', @country, 'UTC', 'ky',
                @prefix || lpad(i::text, 5, '0') || '@example.org', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
            FROM generate_series(0, @last) AS i
            """, new { prefix, country, last = count - 1 }, commandTimeout: 120);
    }

    private static string Address(string prefix, int i) => $"{prefix}{i:D5}@example.org";

    private IReadOnlyList<long> SendingBy(HostProcess host) =>
        Query<long>("SELECT id FROM send_message WHERE status = 'sending' AND claimed_by LIKE @claim", new { claim = Claim(host) }).ToList();

    private long SentBy(HostProcess host) =>
        Query<long>("SELECT COUNT(*) FROM send_message WHERE status = 'sent' AND claimed_by LIKE @claim", new { claim = Claim(host) }).Single();

    // SendingHost names a claim machine/process id/random bytes.
    private static string Claim(HostProcess host) => $"%/{host.ProcessId}/%";

    private string? Status(long campaignId) =>
        Query<string>("SELECT status FROM campaign WHERE id = @campaignId", new { campaignId }).SingleOrDefault();

    private List<T> Query<T>(string sql, object parameters)
    {
        using var connection = new NpgsqlConnection(_database);
        return connection.Query<T>(sql, parameters).ToList();
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) owned.Dispose();
        if (_database.Length > 0) TestPostgres.DropDatabase(_database);
        foreach (var folder in _folders)
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record Answer(DateTimeOffset Finished, HttpStatusCode? Status, string? Error)
    {
        public override string ToString() => Status is { } status ? $"{(int)status} at {Finished:HH:mm:ss.fff}" : $"{Error} at {Finished:HH:mm:ss.fff}";
    }

    /// <summary>Asks each host for the appeal page of one message, over and over, noting every answer, until stopped.</summary>
    private sealed class AppealPagePolls : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> _answers = new();
        private readonly List<Task> _loops;
        private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

        public AppealPagePolls(string token, params HostProcess[] hosts) =>
            _loops = hosts.Select(h => Task.Run(() => PollAsync(h, token))).ToList();

        public IReadOnlyList<Answer> Of(HostProcess host) => [.. _answers.GetOrAdd(host.BaseUrl, _ => new())];

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_loops);
        }

        private async Task PollAsync(HostProcess host, string token)
        {
            var answers = _answers.GetOrAdd(host.BaseUrl, _ => new());
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await _http.GetAsync($"{host.BaseUrl}/r/{token}", _stop.Token);
                    answers.Enqueue(new(DateTimeOffset.UtcNow, response.StatusCode, null));
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    answers.Enqueue(new(DateTimeOffset.UtcNow, null, ex.GetType().Name));
                }
                try { await Task.Delay(250, _stop.Token); }
                catch (OperationCanceledException) { return; }
            }
        }

        public void Dispose()
        {
            // Stopped by the test, or the test failed first: the loops end at the next delay either way.
            _stop.Cancel();
            _stop.Dispose();
            _http.Dispose();
        }
    }
}
