using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateDeliveryTestsOnSqlite() : CertificateDeliveryTests(TestHost.Sqlite);

public sealed class CertificateDeliveryTestsOnPostgreSql() : CertificateDeliveryTests(TestHost.PostgreSql);

/// <summary>Issued certificates reach their holders through the send pipeline (here the file outbox), in their language.</summary>
public abstract partial class CertificateDeliveryTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Single_issue_delivers_a_message_in_the_holders_language_whose_link_opens_the_certificate()
    {
        var oblast = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-deliver", "oblast", "KG-Y"));
        var aigul = TestCompatriots.Insert(_host, new("Айгүл Өмүрбекова", "female", "KG-Y", "AE", Language: "ky", Phone: "+971501230001", TimeZone: MiddayZone()));

        var issued = await oblast.PostJson("/api/certificates", new
        {
            compatriotId = aigul, moduleId = "issyk-kul", kind = "gratitude", reason = "Мектепке компьютер бергени үчүн", deliverToHolder = true,
        }, HttpStatusCode.Created);
        var serial = (string)issued["serial"]!;
        Assert.Equal(1, (int)issued["delivery"]!["queued"]!);
        var campaignId = (long)issued["delivery"]!["campaignId"]!;

        var message = await OutboxFile(campaignId);
        Assert.Contains("Channel: whatsapp", message);
        Assert.Contains("Language: ky", message);
        Assert.Contains("Ыраазычылык кат", message);
        Assert.Contains($"http://localhost/verify/{serial}", message);
        var token = HolderLink().Match(message).Groups[1].Value;
        Assert.Equal(32, token.Length);

        var anonymous = _host.CreateClient();
        var page = await anonymous.GetAsync($"/c/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(serial, html);
        Assert.Contains("Айгүл Өмүрбекова", html);
        var pdf = await anonymous.GetAsync($"/c/{token}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Айгүл Өмүрбекова", await anonymous.GetStringAsync($"/c/{token}/html"));

        // The campaign is a system one, audited, and the ledger says the message went out.
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign WHERE id = @campaignId AND purpose = 'certificate-delivery' AND template = 'certificate-delivery'", new { campaignId }));
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaignId AND status = 'sent'", new { campaignId }));
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.deliver' AND subject = @serial", new { serial }));

        // A link past its date, or of a person erased since, opens nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/c/00000000000000000000000000000000")).StatusCode);
        TestCompatriots.Scalar(_host, "UPDATE certificate_delivery SET expires_at = '2020-01-01T00:00:00.000Z' WHERE token = @token RETURNING 1", new { token });
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync($"/c/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/c/{token}/pdf")).StatusCode);
    }

    [SkippableFact]
    public async Task A_corrected_certificate_reissued_the_same_day_reaches_the_holder_in_a_message_of_its_own()
    {
        var admin = _host.AdminClient();
        var holder = TestCompatriots.Insert(_host, new("Эрмек Жолдошев", "male", "KG-Y", "AE", Language: "ru", Phone: "+971501230003", TimeZone: MiddayZone()));
        var first = await admin.PostJson("/api/certificates", new
        {
            compatriotId = holder, moduleId = "issyk-kul", kind = "honorary", reason = "За помощь", deliverToHolder = true,
        }, HttpStatusCode.Created);
        var second = await admin.PostJson($"/api/certificates/{(string)first["serial"]!}/reissue", new { holderName = "Эрмек Жолдошевич", deliverToHolder = true },
            HttpStatusCode.Created);
        var firstCampaign = (long)first["delivery"]!["campaignId"]!;
        var secondCampaign = (long)second["delivery"]!["campaignId"]!;
        Assert.NotEqual(firstCampaign, secondCampaign);
        var corrected = await OutboxFile(secondCampaign);
        Assert.Contains((string)second["serial"]!, corrected);
        Assert.Contains("Language: ru", corrected);
    }

    [SkippableFact]
    public async Task Holders_without_a_consented_channel_are_not_messaged()
    {
        var admin = _host.AdminClient();
        var optedOut = TestCompatriots.Insert(_host, new("Бакыт Осмонов", "male", "KG-Y", "AE", Email: "bakyt@example.kg", Channels: "", TimeZone: MiddayZone()));
        var issued = await admin.PostJson("/api/certificates", new
        {
            compatriotId = optedOut, moduleId = "issyk-kul", kind = "gratitude", reason = "Жардамы үчүн", deliverToHolder = true,
        }, HttpStatusCode.Created);
        Assert.Equal(0, (int)issued["delivery"]!["queued"]!);
        Assert.Equal(1, (int)issued["delivery"]!["unreachable"]!);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM send_message WHERE compatriot_id = @optedOut", new { optedOut }));

        // Without the option nothing is sent at all.
        var quiet = TestCompatriots.Insert(_host, new("Нурлан Асанов", "male", "KG-Y", "AE", TimeZone: MiddayZone()));
        var plain = await admin.PostJson("/api/certificates", new { compatriotId = quiet, moduleId = "issyk-kul", kind = "gratitude", reason = "Жардамы үчүн" }, HttpStatusCode.Created);
        Assert.Null(plain["delivery"]);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM send_message WHERE compatriot_id = @quiet", new { quiet }));
    }

    [SkippableFact]
    public async Task Bulk_job_delivers_each_certificate_in_its_holders_language()
    {
        var oblast = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-bulk-deliver", "oblast", "KG-Y"));
        var ky = TestCompatriots.Insert(_host, new("Гүлнара Токтогулова", "female", "KG-Y", "AE", Language: "ky", Phone: "+971501230002", TimeZone: MiddayZone()));
        var ru = TestCompatriots.Insert(_host, new("Нурлан Жумабеков", "male", "KG-Y", "BE", Language: "ru", Phone: null, Email: "nurlan@example.kg", Channels: "email", TimeZone: MiddayZone()));
        foreach (var id in new[] { ky, ru })
            CertificateTestData.Execute(_host, """
                INSERT INTO pledge (compatriot_id, kind, amount_usd, status, recorded_by, gender, age_band, home_region, country, created_at)
                SELECT id, 'money', 700, 'fulfilled', 'officer', gender, '25-34', home_region, country, '2026-03-15T08:00:00.000Z' FROM directory_compatriot WHERE id = @id
                """, new { id });
        CertificateTestData.PayFulfilledPledgesInFull(_host);

        var started = await oblast.PostJson("/api/certificates/bulk", new
        {
            moduleId = "issyk-kul", minUsd = 500m, kind = "gratitude", dryRun = false, deliverToHolders = true,
        }, HttpStatusCode.Accepted);
        var jobId = (long)started["jobId"]!;
        long? campaignId = null;
        await Eventually.True(async () =>
        {
            var job = await oblast.GetJson($"/api/jobs/{jobId}");
            campaignId = (long?)job["deliveryCampaignId"];
            return (string)job["status"]! == "completed" && campaignId is not null;
        });

        var files = await OutboxFiles(campaignId!.Value, 2);
        var russian = Assert.Single(files, f => f.Contains("Language: ru"));
        Assert.Contains("Channel: email", russian);
        Assert.Contains("Благодарственное письмо", russian);
        Assert.Matches(HolderLink(), russian);
        var kyrgyz = Assert.Single(files, f => f.Contains("Language: ky"));
        Assert.Contains("Ыраазычылык кат", kyrgyz);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.deliver' AND subject = @subject", new { subject = $"job {jobId}" }));
    }

    /// <summary>An IANA zone where it is now early afternoon, so the delivery window (09:00–21:00 local) is open.</summary>
    private static string MiddayZone()
    {
        var offset = 13 - DateTime.UtcNow.Hour;
        if (offset < -12) offset += 24;
        if (offset > 14) offset -= 24;
        return offset switch { 0 => "Etc/UTC", > 0 => $"Etc/GMT-{offset}", _ => $"Etc/GMT+{-offset}" };
    }

    private async Task<string> OutboxFile(long campaignId) => (await OutboxFiles(campaignId, 1))[0];

    /// <summary>The messages the file outbox wrote for the campaign, each as its block of text.</summary>
    private async Task<IReadOnlyList<string>> OutboxFiles(long campaignId, int count)
    {
        var folder = Path.Combine(_host.OutboxPath, $"campaign-{campaignId}");
        IReadOnlyList<OutboxMessage> messages = [];
        await Eventually.True(() => Task.FromResult((messages = OutboxMessages.Read(folder)).Count >= count));
        return messages.Select(m => m.Block).ToList();
    }

    [GeneratedRegex("http://localhost/c/([0-9a-f]{32})")]
    private static partial Regex HolderLink();

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
