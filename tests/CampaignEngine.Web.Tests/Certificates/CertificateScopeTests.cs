using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateScopeTests(CertificatesHostFixture fixture) : IClassFixture<CertificatesHostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Theory]
    [InlineData("issyk-kul")]
    [InlineData("national")]
    public async Task Oblast_user_cannot_issue_for_another_region_or_the_national_issuer(string moduleId)
    {
        var naryn = _host.ClientWithKey(CertificateTestData.CreateUser(_host, $"naryn-{moduleId}", "oblast", "KG-N"));
        var compatriot = CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul, homeRegion: "KG-N");

        var response = await naryn.PostAsJsonAsync("/api/certificates",
            new { compatriotId = compatriot, moduleId, kind = "gratitude", language = "ky", reason = "Мектептин чатыры үчүн" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Oblast_user_issues_for_own_region_and_sees_only_its_certificates()
    {
        var naryn = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "naryn-own", "oblast", "KG-N"));
        var compatriot = CertificateTestData.InsertCompatriot(_host, "Гүлнара Асанова", homeRegion: "KG-N", country: "RU");
        var (own, _) = await CertificateTestData.IssueAsync(naryn, compatriot, moduleId: "naryn", kind: "gratitude");
        var (other, _) = await CertificateTestData.IssueAsync(_host.AdminClient(), compatriot, moduleId: "issyk-kul");

        Assert.StartsWith("NR-", own);
        using var list = JsonDocument.Parse(await naryn.GetStringAsync("/api/certificates"));
        var serials = list.RootElement.EnumerateArray().Select(c => c.GetProperty("serial").GetString()).ToList();
        Assert.Contains(own, serials);
        Assert.DoesNotContain(other, serials);
        Assert.All(list.RootElement.EnumerateArray(), c => Assert.Equal("naryn", c.GetProperty("moduleId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await naryn.GetAsync($"/api/certificates/{other}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await naryn.GetAsync($"/api/certificates/{own}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Leader_cannot_issue()
    {
        var leader = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "leader-1", "leader", null));
        var compatriot = CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul);
        var response = await leader.PostAsJsonAsync("/api/certificates",
            new { compatriotId = compatriot, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Serials_count_up_per_prefix()
    {
        var compatriot = CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul);
        var client = _host.AdminClient();
        var (first, _) = await CertificateTestData.IssueAsync(client, compatriot, moduleId: "talas");
        var (second, _) = await CertificateTestData.IssueAsync(client, compatriot, moduleId: "talas");
        Assert.Equal(long.Parse(first[^6..], CultureInfo.InvariantCulture) + 1, long.Parse(second[^6..], CultureInfo.InvariantCulture));
        Assert.Equal(first[..8], second[..8]);
    }
}
