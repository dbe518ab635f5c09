using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CampaignEngine.TestSupport.Smtp;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CampaignEngine.Web.Tests.Sending;

/// <summary>
/// The ledger is the truth: the real host, as its own process, with the default batch size (500), sends an e-mail
/// campaign to a real SMTP server, is killed with SIGKILL in the middle, and is started again. Everyone gets the
/// message exactly once, except what was on the wire or had just been sent at the kill: outcomes are recorded as
/// messages settle, in groups of at most 50, so at most 50 people get it twice, not the whole batch in flight.
/// A relaunch changes nothing; people who opted out mid-send get nothing. The dispatcher claims the next batch
/// while it sends the current one, so up to two batches are 'sending' at the kill.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    // More than two batches of the default 500: the third is still waiting when the kill comes, so people at the end
    // of the line can opt out before their message is claimed.
    private const int Recipients = 1_100;
    private const int DefaultBatchSize = 500;
    private const int MostSentTwice = 50;
    private const int OptingOut = 5;

    private readonly string _folder = Directory.CreateTempSubdirectory("ce-crash").FullName;

    [SkippableFact]
    public async Task Killed_host_resumes_and_sends_everyone_exactly_once_except_at_most_fifty_on_the_wire()
    {
        using var smtp = await SmtpSink.StartAsync();
        // Slow enough (100 messages/s: eleven seconds in all) that the kill lands in the middle of the first batch,
        // even on a loaded machine. Everything else is as shipped.
        var settings = new Dictionary<string, string>
        {
            ["Channels:Email:Host"] = "127.0.0.1",
            ["Channels:Email:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:Email:From"] = "appeals@campaign-engine.test",
            ["Channels:Email:RatePerSecond"] = "100",
        };

        long campaignId;
        IReadOnlySet<string> optedOut;
        IReadOnlySet<long> inFlight;
        using (var host = await HostProcess.StartAsync(_folder, settings))
        {
            var database = host.DatabasePath;
            for (var i = 0; i < Recipients; i++)
                TestCompatriots.Insert(database, new($"Person {i:D3}", i % 2 == 0 ? "female" : "male", "KG-Y", "AE", Email: Address(i), Phone: null, Channels: "email"));
            using var api = Api(host);
            campaignId = (long)(await api.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Crash", channels = new[] { "email" } }, HttpStatusCode.Created))["id"]!;
            await api.PostJson($"/api/campaigns/{campaignId}/launch", new { }, HttpStatusCode.Accepted);

            // Well inside the first batch of 500, past the first groups of outcomes.
            await Eventually.True(() => Task.FromResult(smtp.Messages().Count >= 150), seconds: 60);
            // Mid-send, the last five in line opt out with the one-click link of their message.
            optedOut = await OptOutLastInLineAsync(host, campaignId);
            host.Kill();
            inFlight = Ids(database, campaignId, "sending");
        }

        var receivedBeforeRestart = smtp.Messages().Count;
        Assert.InRange(receivedBeforeRestart, 150, Recipients - OptingOut - 1);
        Assert.InRange(inFlight.Count, 0, 2 * DefaultBatchSize);

        using (var host = await HostProcess.StartAsync(_folder, settings))
        {
            using var api = Api(host);
            // Relaunching after the restart is a no-op: the ledger keeps one row per person.
            await api.PostJson($"/api/campaigns/{campaignId}/launch", new { }, HttpStatusCode.Accepted);
            Assert.Equal(Recipients, Ids(host.DatabasePath, campaignId, null).Count);
            await Eventually.True(async () => (string)(await api.GetJson($"/api/campaigns/{campaignId}"))["status"]! == "completed", seconds: 90);
        }

        var byAddress = smtp.Messages().GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        foreach (var address in optedOut) Assert.False(byAddress.ContainsKey(address), $"{address} opted out but got a message");
        var missing = Enumerable.Range(0, Recipients).Select(Address).Where(a => !optedOut.Contains(a) && !byAddress.ContainsKey(a)).ToList();
        Assert.True(missing.Count == 0, $"never received: {string.Join(", ", missing)}");
        var twice = byAddress.Where(p => p.Value > 1).Select(p => p.Key).ToList();
        Assert.True(twice.Count <= inFlight.Count, $"{twice.Count} got the message twice, but only {inFlight.Count} rows were in flight at the kill");
        Assert.True(twice.Count <= MostSentTwice, $"{twice.Count} got the message twice: more than the {MostSentTwice} that can be on the wire or unrecorded at the kill");
        Assert.All(byAddress, p => Assert.InRange(p.Value, 1, 2));
        output.WriteLine($"{receivedBeforeRestart} received before the kill, {inFlight.Count} rows in flight, {twice.Count} sent twice, {byAddress.Count} people reached");
    }

    private static string Address(int i) => $"person{i:D3}@example.org";

    private static HttpClient Api(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostProcess.AdminApiKey);
        return client;
    }

    private static async Task<IReadOnlySet<string>> OptOutLastInLineAsync(HostProcess host, long campaignId)
    {
        List<(string Token, string Email)> last;
        using (var connection = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            last = connection.Query<(string, string)>("""
                SELECT m.token, c.email FROM send_message m JOIN directory_compatriot c ON c.id = m.compatriot_id
                WHERE m.campaign_id = @campaignId AND m.status = 'pending' ORDER BY m.not_before DESC, m.id DESC LIMIT @OptingOut
                """, new { campaignId, OptingOut }).ToList();
        }
        Assert.Equal(OptingOut, last.Count);
        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        foreach (var (token, _) in last)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"/u/{token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);
        return last.Select(l => l.Email).ToHashSet();
    }

    private static IReadOnlySet<long> Ids(string database, long campaignId, string? status)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        return connection.Query<long>("SELECT id FROM send_message WHERE campaign_id = @campaignId AND (@status IS NULL OR status = @status)",
            new { campaignId, status }).ToHashSet();
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
