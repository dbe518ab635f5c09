using System.Net;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Privacy;

public sealed class ErasureTestsOnSqlite() : ErasureTests(TestHost.Sqlite);

public sealed class ErasureTestsOnPostgreSql() : ErasureTests(TestHost.PostgreSql);

/// <summary>
/// Erasure on request reaches every place the person is: the directory, messages and outbox files, replies, free text
/// typed about them (pledge and fulfilment reasons, evidence, nominations, certificate reasons), certificates and their
/// public pages, holder links. What stays is pseudonymous (pledge amounts with their snapshot, consent events, the
/// certificate's hash and signature), so totals hold and a paper still checks as genuine.
/// </summary>
public abstract class ErasureTests(string engine) : IDisposable
{
    // The certificate is delivered within the holder's 09:00–21:00, so the host runs at daytime whatever the hour.
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" }, Customize = DaytimeClock.Use };

    private const string Surname = "Сулайманкулова", GivenName = "Жаркынай", Phone = "+971509998877", Email = "zharkynai.s@example.kg", City = "Sharjah";
    private static readonly string[] Traces = [Surname, GivenName, Phone, Email, City];

    [SkippableFact]
    public async Task After_erasure_no_table_outbox_file_public_page_or_staff_answer_holds_the_person()
    {
        var admin = _host.AdminClient();
        var organization = (long)(await admin.PostJson("/api/organizations", new { name = "Kyrgyz diaspora of the Emirates" }, HttpStatusCode.Created))["id"]!;
        var person = TestCompatriots.Insert(_host, new($"{GivenName} {Surname}", "female", "KG-Y", "AE", Phone: Phone, Email: Email,
            Channels: "whatsapp;email", City: City, OrganizationId: organization));
        TestCompatriots.Insert(_host, new("Нурбек Сатыбалдиев", "male", "KG-Y", "AE", Phone: "+971501110000"));
        var officer = KeyFor("erasure-officer", Roles.Officer);
        var leader = KeyFor("erasure-leader", Roles.Leader, organization);

        var campaign = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Shore" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(async () => (long)(await admin.GetJson($"/api/campaigns/{campaign}"))["counts"]!["sent"]! == 2);
        var tracked = OutboxMessages.Read(_host.OutboxPath).Single(m => m.To == Phone).TrackedToken!;
        var pledge = (long)(await _host.CreateClient().PostJson($"/r/{tracked}/pledge",
            new { kind = "money", amount = 300, currency = "USD", description = $"{Surname}: from my salary", publicNameConsent = true }, HttpStatusCode.Created))["id"]!;
        var other = (long)(await officer.PostJson("/api/pledges", new { compatriotId = person, kind = "money", amount = 50, currency = "USD" }, HttpStatusCode.Created))["id"]!;
        await officer.PostJson($"/api/pledges/{other}/cancel", new { reason = $"{GivenName} {Surname} changed her mind" }, HttpStatusCode.OK);
        var fulfilment = (long)(await officer.PostJson($"/api/pledges/{pledge}/fulfilments",
            new { amount = 100, currency = "USD", evidence = $"transfer from {GivenName} {Surname}" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/fulfilments/{fulfilment}/reject", new { reason = $"{Surname}: wrong account" }, HttpStatusCode.OK);
        await leader.PostJson("/api/certificates/nominations", new { compatriotId = person, kind = "gratitude", reason = $"{GivenName} cleaned the shore" }, HttpStatusCode.Created);
        var serial = (string)(await admin.PostJson("/api/certificates", new
        {
            compatriotId = person, moduleId = "issyk-kul", kind = "honorary", language = "ky", reason = $"{Surname} for the shore", honourRoll = true, deliverToHolder = true,
        }, HttpStatusCode.Created))["serial"]!;
        var revoked = (string)(await admin.PostJson("/api/certificates", new
        {
            compatriotId = person, moduleId = "issyk-kul", kind = "gratitude", language = "en", reason = "For the shore",
        }, HttpStatusCode.Created))["serial"]!;
        await admin.PostJson($"/api/certificates/{revoked}/revoke", new { reason = $"{GivenName} asked for it" }, HttpStatusCode.OK);
        await Eventually.True(() => Task.FromResult(OutboxMessages.Read(_host.OutboxPath).Any(m => m.Block.Contains("/c/", StringComparison.Ordinal))));
        var holderLink = System.Text.RegularExpressions.Regex.Match(
            OutboxMessages.Read(_host.OutboxPath).Single(m => m.Block.Contains("/c/", StringComparison.Ordinal)).Block, "/c/([0-9a-f]{32})").Groups[1].Value;
        var proof = Proof(serial);
        Assert.Contains(GivenName, await _host.CreateClient().GetStringAsync($"/verify/{serial}?s={proof}"));
        Assert.Contains(GivenName, await _host.CreateClient().GetStringAsync("/honour/issyk-kul"));
        var totals = (await admin.GetJson($"/api/reports/pledges?campaignId={campaign}&by=gender")).ToJsonString();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/compatriots/{person}")).StatusCode);

        Assert.Empty(DatabaseTraces.Find(_host, Traces));
        foreach (var file in Directory.GetFiles(_host.OutboxPath, "*.txt", SearchOption.AllDirectories))
            Assert.DoesNotContain(Traces, t => File.ReadAllText(file).Contains(t, StringComparison.Ordinal));
        var outbox = OutboxMessages.Read(_host.OutboxPath);
        Assert.Equal(2, outbox.Count(m => m.Block.Contains(Features.Sending.FileOutbox.RedactedLine, StringComparison.Ordinal)));
        Assert.Contains(outbox, m => m.Block.Contains("Нурбек", StringComparison.Ordinal));

        var verify = await _host.CreateClient().GetStringAsync($"/verify/{serial}?s={proof}&lang=en");
        Assert.Contains("data-status=\"valid\"", verify);
        Assert.Contains("holder erased", verify);
        Assert.Contains("holder erased", await _host.CreateClient().GetStringAsync($"/verify/{serial}?lang=en"));
        Assert.Contains("data-status=\"tampered\"", await _host.CreateClient().GetStringAsync($"/verify/{serial}?s={Proof(revoked)}"));
        Assert.Contains("holder erased", await _host.CreateClient().GetStringAsync("/honour/issyk-kul?lang=en"));
        var staff = await admin.GetJson($"/api/certificates/{serial}");
        Assert.True((bool)staff["holderErased"]!);
        Assert.Null(staff["holderName"]);
        var answers = new[]
        {
            verify, await _host.CreateClient().GetStringAsync("/honour/issyk-kul"), staff.ToJsonString(),
            await admin.GetStringAsync($"/certificates/{serial}"), await admin.GetStringAsync("/certificates"),
            await admin.GetStringAsync($"/api/certificates/{serial}/html"), await admin.GetStringAsync("/api/certificates/nominations?status=all"),
            (await admin.GetJson($"/api/compatriots/{person}/export")).ToJsonString(), await admin.GetStringAsync($"/api/pledges/{pledge}"),
        };
        foreach (var answer in answers) Assert.DoesNotContain(Traces, t => answer.Contains(t, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateClient().GetAsync($"/r/{tracked}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateClient().GetAsync($"/c/{holderLink}")).StatusCode);
        Assert.Equal(totals, (await admin.GetJson($"/api/reports/pledges?campaignId={campaign}&by=gender")).ToJsonString());

        // Asked twice, erased once: the same answer, no second set of consent withdrawals.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/compatriots/{person}")).StatusCode);
        Assert.Equal(4, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM directory_consent_event WHERE compatriot_id = @person AND source = 'erasure'", new { person }));
    }

    private HttpClient KeyFor(string login, string role, long? organization = null)
    {
        var users = _host.Services.GetRequiredService<UserStore>();
        return _host.ClientWithKey(users.CreateApiKey(users.Create(new NewUser(login, Security.Users.Password, role, null, organization))).Key);
    }

    /// <summary>What the certificate's QR code carries as proof: its signature, base64url.</summary>
    private string Proof(string serial)
    {
        using var connection = _host.OpenDatabase();
        var signature = connection.ExecuteScalar<string>("SELECT signature FROM certificate WHERE serial = @serial", new { serial })!;
        return System.Buffers.Text.Base64Url.EncodeToString(Convert.FromBase64String(signature));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
