using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class BulkIssueTestsOnSqlite(CertificatesHostFixture fixture) : BulkIssueTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class BulkIssueTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : BulkIssueTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

public abstract class BulkIssueTests(ICertificatesHost fixture)
{
    private TestHost _host => fixture.Host;

    [SkippableFact]
    public async Task Preview_then_job_issues_to_those_above_the_threshold_with_progress_and_a_zip()
    {
        var aigul = Compatriot("Айгүл Бакирова", "KG-Y");
        Pledge(aigul, "fulfilled", usd: 300);
        Pledge(aigul, "fulfilled", usd: 250);
        var bakyt = Compatriot("Бакыт Осмонов", "KG-Y");
        Pledge(bakyt, "fulfilled", usd: 200);
        Pledge(bakyt, "pledged", usd: 800);
        var nurlan = Compatriot("Нурлан Жумабеков", "KG-Y", "ru");
        Pledge(nurlan, "fulfilled", hours: 10);
        var naryn = Compatriot("Гүлзат Нарынбаева", "KG-N");
        Pledge(naryn, "fulfilled", usd: 5000);
        var old = Compatriot("Эски Салым", "KG-Y");
        Pledge(old, "fulfilled", usd: 900, at: "2025-01-10T00:00:00.000Z");
        CertificateTestData.PayFulfilledPledgesInFull(_host);

        var bakytOblast = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-bulk", "oblast", "KG-Y"));
        var criteria = new { moduleId = "issyk-kul", from = "2026-01-01", to = "2026-12-31", minUsd = 500m, minHours = 8m, kind = "gratitude", dryRun = true };

        Assert.Equal(new[] { aigul, nurlan }, await PreviewIds(bakytOblast, criteria));
        // What open pledges promise counts only when the caller says so.
        Assert.Equal(new[] { aigul, bakyt, nurlan }, await PreviewIds(bakytOblast, new
        {
            criteria.moduleId, criteria.from, criteria.to, criteria.minUsd, criteria.minHours, criteria.kind, dryRun = true, includeUnfulfilled = true,
        }));

        var started = await bakytOblast.PostAsJsonAsync("/api/certificates/bulk", criteria with { dryRun = false });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = (await Json(started)).GetProperty("jobId").GetInt64();

        JsonElement job = default;
        await Eventually.True(async () =>
        {
            job = JsonDocument.Parse(await bakytOblast.GetStringAsync($"/api/jobs/{jobId}")).RootElement;
            return job.GetProperty("status").GetString() == "completed";
        });
        Assert.Equal(2, job.GetProperty("total").GetInt32());
        Assert.Equal(2, job.GetProperty("done").GetInt32());
        Assert.Equal(0, job.GetProperty("failed").GetInt32());
        var serials = job.GetProperty("serials").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.All(serials, s => Assert.StartsWith("IK-", s));

        // Each holder gets the paper in their own language.
        var languages = new List<string>();
        foreach (var serial in serials)
            languages.Add((await Json(await bakytOblast.GetAsync($"/api/certificates/{serial}"))).GetProperty("language").GetString()!);
        Assert.Equal(new[] { "ky", "ru" }, languages.Order());

        var zip = await bakytOblast.GetAsync($"/api/jobs/{jobId}/zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(serials.Select(s => s + ".pdf").Order(), archive.Entries.Select(e => e.FullName).Order());
            await using var first = archive.Entries[0].Open();
            var head = new byte[4];
            await first.ReadExactlyAsync(head);
            Assert.Equal("%PDF"u8.ToArray(), head);
        }

        // Running it again issues nothing twice.
        var again = await Json(await bakytOblast.PostAsJsonAsync("/api/certificates/bulk", criteria));
        Assert.Equal(0, again.GetProperty("count").GetInt32());
        Assert.Equal(2, again.GetProperty("alreadyHolding").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await bakytOblast.PostAsJsonAsync("/api/certificates/bulk", criteria with { dryRun = false })).StatusCode);

        // Another oblast neither issues for Issyk-Kul nor sees its job.
        var narynOblast = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "nr-bulk", "oblast", "KG-N"));
        Assert.Equal(HttpStatusCode.Forbidden, (await narynOblast.PostAsJsonAsync("/api/certificates/bulk", criteria)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await narynOblast.GetAsync($"/api/jobs/{jobId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await narynOblast.GetAsync($"/api/jobs/{jobId}/zip")).StatusCode);
        Assert.Equal(new[] { naryn }, await PreviewIds(narynOblast, new { moduleId = "naryn", minUsd = 1000m, kind = "honorary", dryRun = true }));
    }

    [SkippableFact]
    public async Task Bulk_rejects_unknown_kinds_projects_and_reversed_periods()
    {
        var admin = _host.AdminClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/certificates/bulk", new { moduleId = "issyk-kul", kind = "medal", dryRun = true })).StatusCode);
        // A project that does not exist (or is another module's) is refused; projects that are the module's work (BulkSelectionTests).
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/certificates/bulk", new { moduleId = "issyk-kul", kind = "gratitude", projectId = 3, dryRun = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/certificates/bulk",
            new { moduleId = "issyk-kul", kind = "gratitude", from = "2026-05-01", to = "2026-04-01", dryRun = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/jobs/987654")).StatusCode);
    }

    private async Task<List<long>> PreviewIds(HttpClient client, object criteria)
    {
        var response = await client.PostAsJsonAsync("/api/certificates/bulk", criteria);
        var body = await Json(response);
        Assert.True(response.IsSuccessStatusCode, body.GetRawText());
        return body.GetProperty("candidates").EnumerateArray()
            .Where(c => c.GetProperty("existingSerial").ValueKind == JsonValueKind.Null)
            .Select(c => c.GetProperty("compatriotId").GetInt64()).Order().ToList();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private long Compatriot(string name, string region, string language = "ky") =>
        CertificateTestData.InsertCompatriot(_host, name, language, region);

    private void Pledge(long compatriotId, string status, decimal? usd = null, decimal? hours = null, string at = "2026-03-15T08:00:00.000Z") =>
        CertificateTestData.Execute(_host, """
            INSERT INTO pledge (compatriot_id, kind, amount_usd, hours, status, recorded_by, gender, age_band, home_region, country, created_at)
            SELECT id, @kind, @usd, @hours, @status, 'officer', gender, '25-34', home_region, country, @at FROM directory_compatriot WHERE id = @compatriotId
            """, new { compatriotId, kind = usd is null ? "time" : "money", usd, hours, status, at });
}
