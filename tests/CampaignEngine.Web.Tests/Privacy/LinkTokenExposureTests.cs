using System.IO.Compression;
using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Security;
using Dapper;

namespace CampaignEngine.Web.Tests.Privacy;

public sealed class LinkTokenExposureTestsOnSqlite() : LinkTokenExposureTests(TestHost.Sqlite);

public sealed class LinkTokenExposureTestsOnPostgreSql() : LinkTokenExposureTests(TestHost.PostgreSql);

/// <summary>
/// Personal link tokens (tracked links, holders' certificate links, the person's own page link) are the recipients' keys: whoever holds one can
/// pledge, unsubscribe or open a paper as the person. Staff pages, API answers and exports never carry one.
/// </summary>
public abstract class LinkTokenExposureTests(string engine) : IDisposable
{
    // The certificate is delivered within the holder's 09:00–21:00, so the host runs at daytime whatever the hour.
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" }, Customize = DaytimeClock.Use };

    // Enough of a token to use or to find it; a shorter prefix (as in an e-mail's Message-ID) is allowed.
    private const int Revealing = 12;

    [SkippableFact]
    public async Task No_staff_page_api_answer_or_export_carries_a_recipients_link_token()
    {
        var seed = await MatrixSeed.CreateAsync(_host);
        var admin = _host.AdminClient();
        await admin.PostJson($"/api/campaigns/{seed.CampaignA}/launch", new { }, HttpStatusCode.Accepted);
        var delivered = (string)(await admin.PostJson("/api/certificates", new
        {
            compatriotId = seed.CompatriotA, moduleId = "issyk-kul", kind = "honorary", language = "ky", reason = "Салым үчүн", deliverToHolder = true,
        }, HttpStatusCode.Created))["serial"]!;
        var deliveryCampaign = TestCompatriots.Scalar(_host, "SELECT campaign_id FROM certificate_delivery WHERE serial = @delivered", new { delivered });
        await Eventually.True(() => Task.FromResult(
            TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM send_message WHERE status IN ('pending', 'sending')") == 0));
        var tokens = Tokens();
        Assert.True(tokens.Count >= 4, "the campaign's messages, the holder's link and the person's own page link should have tokens");

        var urls = AuthorizationMatrix.Rules
            .Where(r => r.Method is "GET" && r.Who.HasFlag(Who.Admin) && !r.Who.HasFlag(Who.Public))
            .Select(r => r.Url(seed))
            .Concat([
                $"/api/campaigns/{seed.CampaignA}/messages", $"/campaigns/{seed.CampaignA}/messages",
                $"/api/campaigns/{deliveryCampaign}/messages", $"/campaigns/{deliveryCampaign}/messages", $"/campaigns/{deliveryCampaign}",
                $"/api/certificates/{delivered}", $"/certificates/{delivered}", $"/api/compatriots/{seed.CompatriotA}/export",
                "/reports/pledges/export?by=gender&format=xlsx", "/api/reports/pledges?by=gender&format=csv", "/api/reports/pledges?by=gender&format=xlsx",
            ])
            .Distinct();
        var leaks = new List<string>();
        foreach (var url in urls)
        {
            using var response = await admin.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"GET {url}: {(int)response.StatusCode}");
            var text = Readable(await response.Content.ReadAsByteArrayAsync());
            leaks.AddRange(tokens.Where(t => text.Contains(t[..Revealing], StringComparison.Ordinal)).Select(t => $"GET {url} shows {t[..Revealing]}…"));
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    private List<string> Tokens()
    {
        using var connection = _host.OpenDatabase();
        return connection.Query<string>("SELECT token FROM send_message UNION ALL SELECT token FROM certificate_delivery UNION ALL SELECT token FROM directory_personal_link").ToList();
    }

    /// <summary>The text of an answer; for an XLSX (a ZIP), the text of every part in it.</summary>
    private static string Readable(byte[] body)
    {
        if (body.Length < 4 || body[0] != 'P' || body[1] != 'K') return System.Text.Encoding.UTF8.GetString(body);
        using var zip = new ZipArchive(new MemoryStream(body));
        return string.Join('\n', zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
