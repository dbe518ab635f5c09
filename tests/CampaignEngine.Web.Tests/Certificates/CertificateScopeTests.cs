using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateScopeTestsOnSqlite(CertificatesHostFixture fixture) : CertificateScopeTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class CertificateScopeTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : CertificateScopeTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

public abstract class CertificateScopeTests(ICertificatesHost fixture)
{
    private TestHost _host => fixture.Host;

    [SkippableTheory]
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

    [SkippableFact]
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

    [SkippableFact]
    public async Task Oblast_user_cannot_issue_its_own_modules_certificate_to_a_person_of_another_region()
    {
        var naryn = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "naryn-reach", "oblast", "KG-N"));
        var own = CertificateTestData.InsertCompatriot(_host, "Бурулай Токтогулова", homeRegion: "KG-N");
        var stranger = CertificateTestData.InsertCompatriot(_host, "Сезимкан Асылбекова", homeRegion: "KG-Y");
        var before = TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate");

        var single = await naryn.PostAsJsonAsync("/api/certificates",
            new { compatriotId = stranger, moduleId = "naryn", kind = "gratitude", language = "ky", reason = "Салым үчүн" });
        var batch = await naryn.PostAsJsonAsync("/api/certificates/batch",
            new { compatriotIds = new[] { own, stranger }, moduleId = "naryn", kind = "gratitude", reason = "Салым үчүн" });
        var browser = await Security.Users.SignInAsync(_host, "naryn-reach");
        var form = await browser.PostAsync("/certificates", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Security.Users.Token(await browser.GetStringAsync("/certificates")),
            ["CompatriotId"] = stranger.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ModuleId"] = "naryn",
            ["Kind"] = "gratitude", ["Reason"] = "Салым үчүн",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        Assert.Contains("\"compatriotId\"", await single.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Contains("\"compatriotIds[1]\"", await batch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        foreach (var answer in new[] { single, batch, form })
            Assert.DoesNotContain("Асылбекова", await answer.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Асылбекова", await browser.GetStringAsync("/certificates?find=Сезимкан"));
        Assert.Equal(before, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate"));
        // The person of their own region is issued to as before.
        await CertificateTestData.IssueAsync(naryn, own, moduleId: "naryn", kind: "gratitude");
    }

    [SkippableFact]
    public async Task Leader_cannot_issue()
    {
        var leader = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "leader-1", "leader", null));
        var compatriot = CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul);
        var response = await leader.PostAsJsonAsync("/api/certificates",
            new { compatriotId = compatriot, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [SkippableFact]
    public async Task Serials_count_up_per_prefix()
    {
        var compatriot = CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul);
        var client = _host.AdminClient();
        var (first, _) = await CertificateTestData.IssueAsync(client, compatriot, moduleId: "talas");
        // Another reason: the same one again would be a duplicate, refused unless asked for.
        var (second, _) = await CertificateTestData.IssueAsync(client, compatriot, moduleId: "talas", reason: "Талас айылына жол салууга кошкон салымы үчүн");
        Assert.Equal(long.Parse(first[^6..], CultureInfo.InvariantCulture) + 1, long.Parse(second[^6..], CultureInfo.InvariantCulture));
        Assert.Equal(first[..8], second[..8]);
    }
}
