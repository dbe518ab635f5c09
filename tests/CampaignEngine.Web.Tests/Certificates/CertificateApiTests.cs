using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateApiTestsOnSqlite(CertificatesHostFixture fixture) : CertificateApiTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class CertificateApiTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : CertificateApiTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

public abstract class CertificateApiTests(ICertificatesHost fixture)
{
    private TestHost Host => fixture.Host;

    [SkippableFact]
    public async Task Issue_then_pdf_holds_the_kyrgyz_name_exactly_and_the_serial()
    {
        var compatriot = CertificateTestData.InsertCompatriot(Host, CertificateTestData.Aigul);
        var client = Host.AdminClient();

        var (serial, verifyUrl) = await CertificateTestData.IssueAsync(client, compatriot);

        Assert.Matches(@"^IK-\d{4}-\d{6}$", serial);
        Assert.Equal($"http://localhost/verify/{serial}", verifyUrl);
        var response = await client.GetAsync($"/api/certificates/{serial}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = pdf.GetPage(1);
        Assert.True(page.Width > page.Height, "A4 landscape");
        var text = string.Join(" ", page.GetWords().Select(w => w.Text));
        Assert.Contains(CertificateTestData.Aigul, text);
        Assert.Contains(serial, text);
        Assert.Contains("Ысык-Көл облусунун администрациясы", text);
        Assert.Contains("АРДАК ГРАМОТА", text);
    }

    [SkippableFact]
    public async Task Html_is_printable_and_escapes_the_name()
    {
        var compatriot = CertificateTestData.InsertCompatriot(Host, "<script>alert(1)</script> Үмүт", language: "ru");
        var client = Host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(client, compatriot, kind: "gratitude", language: null, reason: "За помощь <b>школе</b>");

        var html = await client.GetStringAsync($"/api/certificates/{serial}/html");

        Assert.Contains("size: A4 landscape", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Үмүт", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;b&gt;школе&lt;/b&gt;", html);
        Assert.Contains("Благодарственное письмо", html); // the compatriot's own language by default
        Assert.Contains("<svg", html);
        Assert.Contains(serial, html);
    }

    [SkippableFact]
    public async Task Public_verify_page_opened_from_the_qr_code_says_genuine_and_shows_the_name_only_partly()
    {
        var compatriot = CertificateTestData.InsertCompatriot(Host, CertificateTestData.Aigul);
        var (serial, _) = await CertificateTestData.IssueAsync(Host.AdminClient(), compatriot);

        var html = await Host.CreateClient().GetStringAsync($"/verify/{serial}?s={CertificateTestData.Proof(Host, serial)}");

        Assert.Contains("data-status=\"valid\"", html);
        Assert.Contains("Бул грамота чыныгы жана жарактуу.", html); // Kyrgyz: the certificate's language
        Assert.Contains("Айгүл Ө.", html);
        Assert.DoesNotContain("Өмүрбекова", html);
        Assert.Contains("Ысык-Көл облусунун администрациясы", html);
        var english = await Host.CreateClient().GetStringAsync($"/verify/{serial}?lang=en");
        Assert.Contains("This certificate is genuine and valid.", english);
        Assert.Contains("Issyk-Kul Regional Administration", english);
    }

    [SkippableFact]
    public async Task Verify_api_answers_status_issuer_kind_and_partial_holder()
    {
        var compatriot = CertificateTestData.InsertCompatriot(Host, CertificateTestData.Aigul);
        var client = Host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(client, compatriot);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/certificates/{serial}/verify?s={CertificateTestData.Proof(Host, serial)}"));

        Assert.Equal("valid", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Ысык-Көл облусунун администрациясы", json.RootElement.GetProperty("issuer").GetString());
        Assert.Equal("honorary", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("Айгүл Ө.", json.RootElement.GetProperty("holder").GetString());
        Assert.True(json.RootElement.GetProperty("issuedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [SkippableTheory]
    [InlineData("IK-2026-999999")]
    [InlineData("not-a-serial")]
    public async Task Unknown_serial_is_unknown(string serial)
    {
        using var json = JsonDocument.Parse(await Host.AdminClient().GetStringAsync($"/api/certificates/{serial}/verify"));
        Assert.Equal("unknown", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("holder").ValueKind);

        var page = await Host.CreateClient().GetStringAsync($"/verify/{serial}?lang=ru");
        Assert.Contains("data-status=\"unknown\"", page);
        Assert.Contains("Грамота с таким номером не зарегистрирована.", page);
    }

    [SkippableTheory]
    [InlineData("medal", "issyk-kul", "ky", "kind")]
    [InlineData("gratitude", "atlantis", "ky", "moduleId")]
    [InlineData("gratitude", "issyk-kul", "de", "language")]
    public async Task Bad_input_is_400_naming_the_field(string kind, string moduleId, string language, string field)
    {
        var compatriot = CertificateTestData.InsertCompatriot(Host, CertificateTestData.Aigul);
        var response = await Host.AdminClient().PostAsJsonAsync("/api/certificates",
            new { compatriotId = compatriot, moduleId, kind, language, reason = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    [SkippableFact]
    public async Task Unknown_compatriot_is_400_naming_compatriotId()
    {
        var response = await Host.AdminClient().PostAsJsonAsync("/api/certificates",
            new { compatriotId = 987654, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("compatriotId", await response.Content.ReadAsStringAsync());
    }
}
