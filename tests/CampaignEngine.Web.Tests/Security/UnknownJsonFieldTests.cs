using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Certificates;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;

namespace CampaignEngine.Web.Tests.Security;

public sealed class UnknownJsonFieldTestsOnSqlite() : UnknownJsonFieldTests(TestHost.Sqlite);

public sealed class UnknownJsonFieldTestsOnPostgreSql() : UnknownJsonFieldTests(TestHost.PostgreSql);

/// <summary>
/// A JSON field the request does not have is refused with a 400 naming it, never dropped: a misspelt or
/// outdated field name would otherwise answer success and change nothing. The documented fields still bind.
/// </summary>
public abstract class UnknownJsonFieldTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Reissue_takes_the_documented_fullName_and_prints_it()
    {
        var admin = _host.AdminClient();
        var (old, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, "Айгул Омурбекова"));

        var reissued = await admin.PostJson($"/api/certificates/{old}/reissue", new { fullName = "Айгүл Өмүрбекова" }, HttpStatusCode.Created);

        var serial = (string)reissued["serial"]!;
        Assert.Equal("Айгүл Өмүрбекова", (string)(await admin.GetJson($"/api/certificates/{serial}"))["holderName"]!);
        Assert.Contains("Айгүл Өмүрбекова", await admin.GetStringAsync($"/api/certificates/{serial}/html"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Reissue_with_a_bad_fullName_names_fullName()
    {
        var admin = _host.AdminClient();
        var (old, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, "Айгул Омурбекова"));

        await AssertRefused(await admin.PostAsJsonAsync($"/api/certificates/{old}/reissue", new { fullName = "  " }), "fullName");
        await AssertRefused(await admin.PostAsJsonAsync($"/api/certificates/{old}/reissue", new { fullName = "А", holderName = "Б" }), "fullName");
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate"));
    }

    [SkippableFact]
    public async Task An_unknown_field_in_a_staff_api_body_is_refused_naming_it_and_nothing_changes()
    {
        var admin = _host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, "Айгул Омурбекова"));

        await AssertRefused(await admin.PostAsJsonAsync($"/api/certificates/{serial}/reissue", new { holder_name = "Айгүл Өмүрбекова" }), "holder_name");
        await AssertRefused(await admin.PostAsJsonAsync("/api/campaigns", new { moduleId = "issyk-kul", name = "Суу", colour = "red" }), "colour");
        await AssertRefused(await admin.PostAsJsonAsync("/api/campaigns", new { moduleId = "issyk-kul", name = "Суу", segment = new { countries = new[] { "AE" }, country = "RU" } }), "segment.country");
        await AssertRefused(await admin.PostAsJsonAsync("/api/campaigns", new { moduleId = "issyk-kul", name = "Суу", window = new { from = "09:00", to = "20:00", zone = "UTC" } }), "window.zone");
        await AssertRefused(await admin.PutAsJsonAsync("/api/modules/issyk-kul/templates/appeal/ky", new { subject = "Салам", footer = "x" }), "footer");

        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate"));
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign"));
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM template_override"));
    }

    [SkippableFact]
    public async Task An_unknown_field_in_a_json_pledge_is_refused_naming_it_and_no_pledge_is_saved()
    {
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var (_, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);

        var response = await _host.CreateClient().PostAsJsonAsync($"/r/{tokens[person]}/pledge", new { kind = "money", amount = 100, currency = "USD", amountUsd = 1 });

        await AssertRefused(response, "amountUsd");
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM pledge"));
    }

    [SkippableFact]
    public async Task The_bodies_documented_in_the_readme_still_bind_with_every_field()
    {
        var admin = _host.AdminClient();
        var campaign = (long)(await admin.PostJson("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "Суу", template = "appeal", segment = new { countries = new[] { "AE" }, genders = new[] { "female" } },
            channels = new[] { "email" }, window = new { from = "09:00", to = "20:00" }, quietDates = new[] { "2031-03-21" },
        }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{campaign}/launch", new { localAt = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'10:00", System.Globalization.CultureInfo.InvariantCulture) }, HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/modules/talas/issuer", new
        {
            name = new { ky = "Талас облусунун администрациясы", ru = "Администрация Таласской области", en = "Talas Regional Administration" },
            signatoryTitle = new { ky = "Өкүл", ru = "Полпред", en = "Representative" },
            signatoryName = "К. Т. Жумалиев",
            emblemSvg = """<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#c00"/></svg>""",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/modules/issyk-kul/templates/appeal/ky", new
        {
            subject = "{{ campaign.name }}", text = "Салам, {{ recipient.first_name }}!", @short = "{{ links.pledge }}", page = "Салам!", html = "<p>Салам!</p>",
        })).StatusCode);
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, "Айгул Омурбекова"));
        await admin.PostJson($"/api/certificates/{serial}/reissue", new { fullName = "Айгүл Өмүрбекова", reason = "Салым үчүн", language = "ru", deliverToHolder = false }, HttpStatusCode.Created);
        await admin.PostJson("/api/account/password", new { currentPassword = "admin-password-for-tests", newPassword = "a-new-long-password-for-tests-2" }, HttpStatusCode.NoContent);
    }

    private static async Task AssertRefused(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.True(problem["errors"]![field] is not null, $"no error for {field}: {text}");
        Assert.DoesNotContain(".NET", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CampaignEngine.", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
