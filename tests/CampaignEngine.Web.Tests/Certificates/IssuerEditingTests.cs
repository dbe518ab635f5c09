using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class IssuerEditingTestsOnSqlite() : IssuerEditingTests(TestHost.Sqlite);

public sealed class IssuerEditingTestsOnPostgreSql() : IssuerEditingTests(TestHost.PostgreSql);

/// <summary>The oblast administration edits what its certificates print; earlier certificates keep what they were printed with.</summary>
public abstract class IssuerEditingTests(string engine) : IDisposable
{
    private const string Emblem = """<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><!-- arms --><circle cx="20" cy="20" r="18" fill="#c00"/></svg>""";
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Oblast_admin_edits_the_issuer_and_old_certificates_keep_and_verify_with_the_old_one()
    {
        var oblast = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-issuer", "oblast", "KG-Y"));
        var before = await oblast.GetJson("/api/modules/issyk-kul/issuer");
        Assert.Equal("Ысык-Көл облусунун администрациясы", (string)before["name"]!["ky"]!);
        Assert.False((bool)before["edited"]!);
        Assert.True((bool)before["mayEdit"]!);
        var (oldSerial, _) = await CertificateTestData.IssueAsync(oblast, CertificateTestData.InsertCompatriot(_host, "Айгүл Өмүрбекова"));

        var put = await oblast.PutAsJsonAsync("/api/modules/issyk-kul/issuer", Body(nameKy: "Ысык-Көл облустук мамлекеттик администрациясы", emblem: Emblem));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await oblast.GetJson("/api/modules/issyk-kul/issuer");
        Assert.True((bool)after["edited"]!);
        Assert.Equal("К. Т. Жумалиев", (string)after["signatoryName"]!);
        var emblem = (string)after["emblemSvg"]!;
        Assert.DoesNotContain("<!--", emblem);
        Assert.Contains("viewBox=\"0 0 40 40\"", emblem);

        var (newSerial, _) = await CertificateTestData.IssueAsync(oblast, CertificateTestData.InsertCompatriot(_host, "Бакыт Осмонов"));
        var newHtml = await oblast.GetStringAsync($"/api/certificates/{newSerial}/html");
        Assert.Contains("Ысык-Көл облустук мамлекеттик администрациясы", newHtml);
        Assert.Contains("К. Т. Жумалиев", newHtml);
        Assert.Contains("<circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#c00\"", newHtml);
        var oldHtml = await oblast.GetStringAsync($"/api/certificates/{oldSerial}/html");
        Assert.Contains("Ысык-Көл облусунун администрациясы", oldHtml);
        Assert.Contains("Б. К. Асанов", oldHtml);
        Assert.DoesNotContain("<circle", oldHtml);

        // Online: each verifies, naming the issuer it was printed with.
        var anonymous = _host.CreateClient();
        var oldCheck = await anonymous.GetJson($"/api/certificates/{oldSerial}/verify");
        Assert.Equal("valid", (string)oldCheck["status"]!);
        Assert.Equal("Ысык-Көл облусунун администрациясы", (string)oldCheck["issuer"]!);
        Assert.Equal("Ысык-Көл облустук мамлекеттик администрациясы", (string)(await anonymous.GetJson($"/api/certificates/{newSerial}/verify"))["issuer"]!);

        // Offline: the published keys name the issuer now and before, so both PDFs pass the printed-text check.
        var keysJson = await anonymous.GetStringAsync("/.well-known/campaign-engine/issuers.json");
        var keys = JsonSerializer.Deserialize<IssuersDocument>(keysJson, JsonSerializerOptions.Web)!;
        var published = keys.Issuers.Single(i => i.ModuleId == "issyk-kul");
        Assert.Equal("Ысык-Көл облустук мамлекеттик администрациясы", published.Names["ky"]);
        Assert.Contains(published.FormerNames!, n => n["ky"] == "Ысык-Көл облусунун администрациясы");
        var verifier = new OfflineVerifier(new UiText());
        foreach (var serial in new[] { oldSerial, newSerial })
        {
            var (payload, printed) = CertificatePdfReader.Read(await oblast.GetByteArrayAsync($"/api/certificates/{serial}/pdf"));
            var result = verifier.Check(payload, keys, printed);
            Assert.True(result.Status == OfflineStatus.Valid, $"{serial}: {string.Join("; ", result.Problems)}");
        }

        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.issuer.edit' AND subject = 'issyk-kul'"));
    }

    [SkippableFact]
    public async Task Another_oblast_and_officers_cannot_edit_an_issuer()
    {
        var naryn = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "nr-issuer", "oblast", "KG-N"));
        Assert.Equal(HttpStatusCode.Forbidden, (await naryn.PutAsJsonAsync("/api/modules/issyk-kul/issuer", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await naryn.GetAsync("/api/modules/issyk-kul/issuer")).StatusCode);
        // The national issuer speaks for the whole country, which an oblast cannot.
        Assert.Equal(HttpStatusCode.Forbidden, (await naryn.PutAsJsonAsync("/api/modules/national/issuer", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await naryn.PutAsJsonAsync("/api/modules/naryn/issuer", Body())).StatusCode);

        var officer = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "officer-issuer", "officer", null));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/modules/issyk-kul/issuer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync("/api/modules/issyk-kul/issuer", Body())).StatusCode);
        var leader = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "leader-issuer", "leader", null));
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/modules/issyk-kul/issuer")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _host.AdminClient().PutAsJsonAsync("/api/modules/national/issuer", Body())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.AdminClient().GetAsync("/api/modules/atlantis/issuer")).StatusCode);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate_issuer_override WHERE module_id = 'issyk-kul'"));
    }

    [SkippableTheory]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/a.svg#x"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/p)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>""", "emblemSvg")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:image-set('https://evil.example/p.png' 1x)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:-webkit-image-set(url(https://evil.example/p.png) 1x)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="background:u:l(https://evil.example/p)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:u:l(https://evil.example/p)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect fill="u:l(https://evil.example/p)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:red;background-image:linear-gradient(red,blue)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:/**/url(https://evil.example/p)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:var(--x)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect STYLE="fill:image-set('https://evil.example/p.png' 1x)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><use HREF="https://evil.example/a.svg#x"/></svg>""", "emblemSvg")]
    [InlineData("""<svg xmlns="http://www.w3.org/2000/svg"><rect mask="image-set('https://evil.example/p.png' 1x)" width="1" height="1"/></svg>""", "emblemSvg")]
    [InlineData("""<html><body/></html>""", "emblemSvg")]
    [InlineData("not xml at all", "emblemSvg")]
    public async Task Bad_emblems_are_refused_naming_the_field(string svg, string field)
    {
        var response = await _host.AdminClient().PutAsJsonAsync("/api/modules/talas/issuer", Body(emblem: svg));
        await AssertProblem(response, field);
    }

    [SkippableFact]
    public async Task An_emblem_with_allowed_styles_gradients_and_transforms_is_accepted()
    {
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><defs><linearGradient id="sun" gradientTransform="rotate(90)">
            <stop offset="0" style="stop-color:#E8112D; stop-opacity:1"/><stop offset="1" stop-color="rgb(255, 204, 0)"/></linearGradient></defs>
            <g transform="translate(50 50) scale(0.9)"><circle r="45" style="fill:url(#sun);stroke:#000;stroke-width:2.5px;fill-rule:evenodd"/>
            <path d="M-10,0 L10,0" style="stroke:none;opacity:.5" stroke-dasharray="2, 1"/>
            <text style="font-size:12px;font-weight:bold;text-anchor:middle" fill="hsl(45, 100%, 50%)" font-family="DejaVu Sans">КР</text></g></svg>
            """;

        var response = await _host.AdminClient().PutAsJsonAsync("/api/modules/talas/issuer", Body(emblem: svg));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var saved = (string)(await _host.AdminClient().GetJson("/api/modules/talas/issuer"))["emblemSvg"]!;
        Assert.Contains("fill:url(#sun)", saved, StringComparison.Ordinal);
        Assert.Contains("transform=\"translate(50 50) scale(0.9)\"", saved, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Missing_texts_and_oversized_emblems_are_refused_naming_the_field()
    {
        var admin = _host.AdminClient();
        await AssertProblem(await admin.PutAsJsonAsync("/api/modules/talas/issuer", Body(nameRu: " ")), "name.ru");
        await AssertProblem(await admin.PutAsJsonAsync("/api/modules/talas/issuer", Body(signatory: "")), "signatoryName");
        var huge = $"""<svg xmlns="http://www.w3.org/2000/svg">{string.Concat(Enumerable.Repeat("<rect width=\"1\" height=\"1\"/>", 1000))}</svg>""";
        await AssertProblem(await admin.PutAsJsonAsync("/api/modules/talas/issuer", Body(emblem: huge)), "emblemSvg");
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate_issuer_override WHERE module_id = 'talas'"));
    }

    private static async Task AssertProblem(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(JsonNode.Parse(text)!["errors"]![field]);
    }

    private static object Body(string nameKy = "Облустук администрация", string nameRu = "Областная администрация", string signatory = "К. Т. Жумалиев", string? emblem = null) => new
    {
        name = new { ky = nameKy, ru = nameRu, en = "Regional Administration" },
        signatoryTitle = new { ky = "Өкүл", ru = "Полпред", en = "Representative" },
        signatoryName = signatory,
        emblemSvg = emblem,
    };

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
