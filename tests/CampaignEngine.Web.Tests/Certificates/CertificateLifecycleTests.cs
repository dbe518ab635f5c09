using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateLifecycleTestsOnSqlite(CertificatesHostFixture fixture) : CertificateLifecycleTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class CertificateLifecycleTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : CertificateLifecycleTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

public abstract class CertificateLifecycleTests(ICertificatesHost fixture)
{
    private TestHost Host => fixture.Host;

    [SkippableFact]
    public async Task Revoked_certificate_verifies_as_revoked()
    {
        var client = Host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(client, CertificateTestData.InsertCompatriot(Host, CertificateTestData.Aigul));

        var revoke = await client.PostAsJsonAsync($"/api/certificates/{serial}/revoke", new { reason = "Берилген маалымат туура эмес" });

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", await Status(client, serial));
        Assert.Contains("data-status=\"revoked\"", await Host.CreateClient().GetStringAsync($"/verify/{serial}"));
        var again = await client.PostAsJsonAsync($"/api/certificates/{serial}/revoke", new { reason = "twice" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [SkippableFact]
    public async Task Reissue_supersedes_the_old_serial_which_points_to_the_new_one()
    {
        var client = Host.AdminClient();
        var (old, _) = await CertificateTestData.IssueAsync(client, CertificateTestData.InsertCompatriot(Host, "Айгул Омурбекова"));

        var response = await client.PostAsJsonAsync($"/api/certificates/{old}/reissue", new { holderName = CertificateTestData.Aigul });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fresh = created.RootElement.GetProperty("serial").GetString()!;
        Assert.NotEqual(old, fresh);
        using var verify = JsonDocument.Parse(await client.GetStringAsync($"/api/certificates/{old}/verify"));
        Assert.Equal("superseded", verify.RootElement.GetProperty("status").GetString());
        Assert.Equal(fresh, verify.RootElement.GetProperty("supersededBy").GetString());
        Assert.Equal("valid", await Status(client, fresh));
        Assert.Contains($"/verify/{fresh}", await Host.CreateClient().GetStringAsync($"/verify/{old}"));
    }

    [SkippableFact]
    public async Task Record_edited_behind_the_products_back_verifies_as_tampered()
    {
        var client = Host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(client, CertificateTestData.InsertCompatriot(Host, CertificateTestData.Aigul));
        using var before = JsonDocument.Parse(await client.GetStringAsync($"/api/certificates/{serial}/verify"));
        var issuedAt = before.RootElement.GetProperty("issuedAt").GetDateTimeOffset();

        CertificateTestData.Execute(Host, "UPDATE certificate SET holder_name = 'Someone Else' WHERE serial = @serial", new { serial });
        Assert.Equal("tampered", await Status(client, serial));

        // Recomputing the hash is not enough: the signature still does not match.
        CertificateTestData.Execute(Host, "UPDATE certificate SET content_hash = @hash WHERE serial = @serial", new
        {
            serial,
            hash = Features.Certificates.CertificateContent.Hash(Features.Certificates.CertificateContent.Canonical(
                serial, "honorary", "Someone Else", "issyk-kul", issuedAt, "ky")),
        });
        Assert.Equal("tampered", await Status(client, serial));
    }

    [SkippableFact]
    public async Task Batch_issues_each_person_in_their_own_language_and_a_bad_id_issues_nothing()
    {
        var client = Host.AdminClient();
        var kyrgyz = CertificateTestData.InsertCompatriot(Host, CertificateTestData.Aigul, language: "ky");
        var russian = CertificateTestData.InsertCompatriot(Host, "Эркин Садыков", language: "ru");
        var body = new { moduleId = "issyk-kul", kind = "honorary", reason = "Таза көл — 2026", compatriotIds = new[] { kyrgyz, russian } };

        var bad = await client.PostAsJsonAsync("/api/certificates/batch", body with { compatriotIds = new[] { kyrgyz, 987654L } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("compatriotIds[1]", await bad.Content.ReadAsStringAsync());

        var response = await client.PostAsJsonAsync("/api/certificates/batch", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var languages = json.RootElement.GetProperty("certificates").EnumerateArray()
            .ToDictionary(c => c.GetProperty("compatriotId").GetInt64(), c => c.GetProperty("language").GetString());
        Assert.Equal("ky", languages[kyrgyz]);
        Assert.Equal("ru", languages[russian]);
    }

    private static async Task<string?> Status(HttpClient client, string serial)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/certificates/{serial}/verify"));
        return json.RootElement.GetProperty("status").GetString();
    }
}
