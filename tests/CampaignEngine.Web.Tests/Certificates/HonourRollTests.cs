using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class HonourRollTests(CertificatesHostFixture fixture) : IClassFixture<CertificatesHostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Only_holders_who_agreed_are_listed_with_a_partial_name_until_revoked()
    {
        var admin = _host.AdminClient();
        var agreed = await admin.PostAsJsonAsync("/api/certificates", new
        {
            compatriotId = CertificateTestData.InsertCompatriot(_host, "Чолпон Үсөнова"), moduleId = "issyk-kul", kind = "honorary",
            reason = "Көлдү тазалоо үчүн", honourRoll = true,
        });
        Assert.Equal(HttpStatusCode.Created, agreed.StatusCode);
        var (later, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, "Мирлан Ыбыраев"));

        var public1 = _host.CreateClient();
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

    [Fact]
    public async Task Another_oblast_cannot_change_consent()
    {
        var (serial, _) = await CertificateTestData.IssueAsync(_host.AdminClient(), CertificateTestData.InsertCompatriot(_host, "Асел Дүйшөнова"));
        var naryn = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "nr-honour", "oblast", "KG-N"));
        Assert.Equal(HttpStatusCode.NotFound, (await naryn.PostAsJsonAsync($"/api/certificates/{serial}/honour-roll", new { listed = true })).StatusCode);
    }
}
