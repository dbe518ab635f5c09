using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class HonourRollTestsOnSqlite(CertificatesHostFixture fixture) : HonourRollTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class HonourRollTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : HonourRollTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

public abstract class HonourRollTests(ICertificatesHost fixture)
{
    private TestHost Host => fixture.Host;

    [SkippableFact]
    public async Task Only_holders_who_agreed_are_listed_with_a_partial_name_until_revoked()
    {
        var admin = Host.AdminClient();
        var agreed = await admin.PostAsJsonAsync("/api/certificates", new
        {
            compatriotId = CertificateTestData.InsertCompatriot(Host, "Чолпон Үсөнова"), moduleId = "issyk-kul", kind = "honorary",
            reason = "Көлдү тазалоо үчүн", honourRoll = true,
        });
        Assert.Equal(HttpStatusCode.Created, agreed.StatusCode);
        var (later, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(Host, "Мирлан Ыбыраев"));

        var public1 = Host.CreateClient();
        var page = await public1.GetAsync("/honour/issyk-kul?lang=en");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Honour roll", html);
        Assert.Contains("Чолпон Ү.", html);
        Assert.DoesNotContain("Үсөнова", html);
        Assert.DoesNotContain("Мирлан", html);

        // Consent given later by an officer, then the certificate revoked: listed, then gone.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/certificates/{later}/honour-roll", new { listed = true })).StatusCode);
        Assert.Contains("Мирлан Ы.", await public1.GetStringAsync("/honour/issyk-kul?lang=ky"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/certificates/{later}/revoke", new { reason = "ката" })).StatusCode);
        Assert.DoesNotContain("Мирлан", await public1.GetStringAsync("/honour/issyk-kul?lang=ru"));

        Assert.Equal(HttpStatusCode.NotFound, (await public1.GetAsync("/honour/no-such-oblast")).StatusCode);
    }

    [SkippableFact]
    public async Task Another_oblast_cannot_change_consent()
    {
        var (serial, _) = await CertificateTestData.IssueAsync(Host.AdminClient(), CertificateTestData.InsertCompatriot(Host, "Асел Дүйшөнова"));
        var naryn = Host.ClientWithKey(CertificateTestData.CreateUser(Host, "nr-honour", "oblast", "KG-N"));
        Assert.Equal(HttpStatusCode.NotFound, (await naryn.PostAsJsonAsync($"/api/certificates/{serial}/honour-roll", new { listed = true })).StatusCode);
    }
}
