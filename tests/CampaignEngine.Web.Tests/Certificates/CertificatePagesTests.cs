using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificatePagesTestsOnSqlite(CertificatesHostFixture fixture) : CertificatePagesTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class CertificatePagesTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : CertificatePagesTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

/// <summary>Bakyt's journey through the pages: sign in, find a compatriot, issue, print.</summary>
public abstract partial class CertificatePagesTests(ICertificatesHost fixture)
{
    private const string Password = "a-long-test-password-1";
    private TestHost _host => fixture.Host;

    [SkippableFact]
    public async Task Oblast_user_finds_a_compatriot_issues_and_gets_print_and_pdf_links()
    {
        CertificateTestData.CreateUser(_host, "bakyt", "oblast", "KG-Y");
        var own = CertificateTestData.InsertCompatriot(_host, "Нурлан Үсөнов", homeRegion: "KG-Y", country: "RU");
        CertificateTestData.InsertCompatriot(_host, "Нурлан Бекмуратов", homeRegion: "KG-N", country: "RU");
        var browser = await SignInAsync("bakyt");

        var search = await browser.GetStringAsync("/certificates?find=Нурлан&lang=ky");
        Assert.Contains("Нурлан Үсөнов", search);
        Assert.DoesNotContain("Бекмуратов", search); // another region's compatriot
        Assert.Contains("value=\"issyk-kul\"", search);
        Assert.DoesNotContain("value=\"national\"", search);

        var response = await browser.PostAsync("/certificates", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(search),
            ["CompatriotId"] = own.ToString(CultureInfo.InvariantCulture),
            ["ModuleId"] = "issyk-kul",
            ["Kind"] = "gratitude",
            ["Language"] = "",
            ["Reason"] = "Мектептин электр зымдарын бекер алмаштырганы үчүн",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var serial = SerialInPath().Match(location).Groups[1].Value;
        Assert.StartsWith("IK-", serial);
        var issued = await browser.GetStringAsync(location);
        Assert.Contains("Грамота берилди", issued);
        Assert.Contains($"/certificates/{serial}/html", issued);
        Assert.Contains($"/certificates/{serial}/pdf", issued);
        var pdf = await browser.GetAsync($"/certificates/{serial}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var html = await browser.GetStringAsync($"/certificates/{serial}/html");
        Assert.Contains("Ыраазычылык кат", html); // Nurlan reads Kyrgyz
    }

    [SkippableFact]
    public async Task Issue_form_without_antiforgery_token_is_rejected()
    {
        CertificateTestData.CreateUser(_host, "officer-csrf", "officer", null);
        var browser = await SignInAsync("officer-csrf");
        var response = await browser.PostAsync("/certificates", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CompatriotId"] = CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul).ToString(CultureInfo.InvariantCulture),
            ["ModuleId"] = "issyk-kul",
            ["Kind"] = "gratitude",
            ["Reason"] = "x",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task Issue_form_with_a_bad_field_says_what_is_wrong_in_the_page_language()
    {
        CertificateTestData.CreateUser(_host, "officer-ru", "officer", null);
        var browser = await SignInAsync("officer-ru");
        var page = await browser.GetStringAsync("/certificates?lang=ru");
        var response = await browser.PostAsync("/certificates", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page),
            ["CompatriotId"] = "987654",
            ["ModuleId"] = "issyk-kul",
            ["Kind"] = "gratitude",
            ["Reason"] = "За помощь",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Beside the person picker, where the choice is made.
        var answer = await response.Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"field-error\" id=\"CompatriotId-error\" role=\"alert\">Выберите соотечественника: найдите по имени, телефону или ID и отметьте одного.</p>", answer);
    }

    private async Task<HttpClient> SignInAsync(string login)
    {
        var browser = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/account/login");
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form),
            ["Login"] = login,
            ["Password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static string Token(string html) => TokenInput().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No anti-forgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("/certificates/([A-Z]+-[0-9]{4}-[0-9]+)")]
    private static partial Regex SerialInPath();
}
