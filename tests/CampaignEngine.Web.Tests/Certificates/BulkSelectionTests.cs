using System.Net;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class BulkSelectionTestsOnSqlite() : BulkSelectionTests(TestHost.Sqlite);

public sealed class BulkSelectionTestsOnPostgreSql() : BulkSelectionTests(TestHost.PostgreSql);

/// <summary>Bulk issuing selects by campaign, by project or by period, each with the threshold the issuer sets.</summary>
public abstract class BulkSelectionTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Bulk_selects_by_project_by_campaign_and_by_period()
    {
        var admin = _host.AdminClient();
        var lakeProject = (long)(await admin.PostJson("/api/projects", Project("KG-Y"), HttpStatusCode.Created))["id"]!;
        var narynProject = (long)(await admin.PostJson("/api/projects", Project("KG-N"), HttpStatusCode.Created))["id"]!;
        var lakeCampaign = Campaign("issyk-kul");
        var narynCampaign = Campaign("naryn");

        var projectDonor = Person("Айгүл Проектова");
        Pledge(projectDonor, 600, projectId: lakeProject);
        var smallDonor = Person("Бакыт Азыраак");
        Pledge(smallDonor, 100, projectId: lakeProject);
        var campaignDonor = Person("Нурлан Кампаниев");
        Pledge(campaignDonor, 700, campaignId: lakeCampaign);
        var autumnDonor = Person("Гүлзат Күзгү");
        Pledge(autumnDonor, 900, at: "2026-10-05T08:00:00.000Z");
        var volunteer = Person("Темир Убакыт");
        Pledge(volunteer, usd: null, hours: 40, at: "2026-10-20T08:00:00.000Z");

        var oblast = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-select", "oblast", "KG-Y"));
        Assert.Equal([projectDonor], await Preview(oblast, new { moduleId = "issyk-kul", projectId = lakeProject, minUsd = 500m, kind = "gratitude", dryRun = true }));
        Assert.Equal([projectDonor, smallDonor], await Preview(oblast, new { moduleId = "issyk-kul", projectId = lakeProject, kind = "gratitude", dryRun = true }));
        Assert.Equal([campaignDonor], await Preview(oblast, new { moduleId = "issyk-kul", campaignId = lakeCampaign, minUsd = 500m, kind = "gratitude", dryRun = true }));
        Assert.Equal([autumnDonor, volunteer], await Preview(oblast, new
        {
            moduleId = "issyk-kul", from = "2026-10-01", to = "2026-10-31", minUsd = 500m, minHours = 20m, kind = "gratitude", dryRun = true,
        }));

        // Another module's project or campaign is refused, naming the field.
        await Refused(oblast, new { moduleId = "issyk-kul", projectId = narynProject, kind = "gratitude", dryRun = true }, "projectId");
        await Refused(oblast, new { moduleId = "issyk-kul", projectId = 987654, kind = "gratitude", dryRun = true }, "projectId");
        await Refused(oblast, new { moduleId = "issyk-kul", campaignId = narynCampaign, kind = "gratitude", dryRun = true }, "campaignId");

        // And the job issues what the project preview showed.
        var started = await oblast.PostJson("/api/certificates/bulk", new { moduleId = "issyk-kul", projectId = lakeProject, minUsd = 500m, kind = "honorary", dryRun = false },
            HttpStatusCode.Accepted);
        var jobId = (long)started["jobId"]!;
        JsonNode job = null!;
        await Eventually.True(async () => (string)(job = await oblast.GetJson($"/api/jobs/{jobId}"))["status"]! == "completed");
        var serial = (string)job["serials"]!.AsArray().Single()!;
        Assert.Equal(projectDonor, (long)(await oblast.GetJson($"/api/certificates/{serial}"))["compatriotId"]!);
    }

    private async Task<List<long>> Preview(HttpClient client, object criteria)
    {
        var body = await client.PostJson("/api/certificates/bulk", criteria, HttpStatusCode.OK);
        return body["candidates"]!.AsArray().Select(c => (long)c!["compatriotId"]!).Order().ToList();
    }

    private static async Task Refused(HttpClient client, object criteria, string field)
    {
        var body = await client.PostJson("/api/certificates/bulk", criteria, HttpStatusCode.BadRequest);
        Assert.NotNull(body["errors"]![field]);
    }

    private static object Project(string region) => new
    {
        region, village = "Тамга", sector = "education_and_science", budget = 20_000, currency = "USD",
        title = new { ky = "Мектеп", ru = "Школа", en = "School" }, description = new { ky = "", ru = "", en = "" },
        shares = new { state = 0, local = 0, diaspora = 100 },
    };

    private long Campaign(string moduleId) => TestCompatriots.Scalar(_host, """
        INSERT INTO campaign (module_id, name, template, segment_json, channels, status, created_at)
        VALUES (@moduleId, 'Appeal', 'appeal', '{}', 'whatsapp', 'completed', '2026-01-01T00:00:00.000Z') RETURNING id
        """, new { moduleId });

    private long Person(string name) => CertificateTestData.InsertCompatriot(_host, name, homeRegion: "KG-Y");

    private void Pledge(long compatriotId, decimal? usd, decimal? hours = null, long? projectId = null, long? campaignId = null, string at = "2026-03-15T08:00:00.000Z")
    {
        CertificateTestData.Execute(_host, """
            INSERT INTO pledge (compatriot_id, campaign_id, project_id, kind, amount_usd, hours, status, recorded_by, gender, age_band, home_region, country, created_at)
            SELECT id, @campaignId, @projectId, @kind, @usd, @hours, 'fulfilled', 'officer', gender, '25-34', home_region, country, @at
            FROM directory_compatriot WHERE id = @compatriotId
            """, new { compatriotId, campaignId, projectId, kind = usd is null ? "time" : "money", usd, hours, at });
        CertificateTestData.PayFulfilledPledgesInFull(_host);
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
