using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateIssueChecksApiTestsOnSqlite(CertificatesHostFixture fixture) : CertificateIssueChecksApiTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class CertificateIssueChecksApiTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : CertificateIssueChecksApiTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

/// <summary>Issue 14, item 6, through the API: a duplicate is refused by name unless asked for, every fault is named, a reason in another language is flagged.</summary>
public abstract class CertificateIssueChecksApiTests(ICertificatesHost fixture)
{
    private TestHost _host => fixture.Host;

    [SkippableFact]
    public async Task A_second_certificate_of_the_same_kind_for_the_same_reason_is_refused_with_409_naming_the_existing_serial()
    {
        var admin = _host.AdminClient();
        var person = CertificateTestData.InsertCompatriot(_host, "Бакыт Токтогулов");
        var (first, _) = await CertificateTestData.IssueAsync(admin, person, reason: "Мектептин чатырын оңдогону үчүн");

        // Told apart only by case, spacing and a closing full stop: the same reason.
        var response = await admin.PostAsJsonAsync("/api/certificates", Body(person, "  мектептин   ЧАТЫРЫН оңдогону үчүн. "));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadNode();
        Assert.Contains(first, (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains("allowDuplicate", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal("allowDuplicate", (string)problem["field"]!);
        Assert.Equal(first, (string)problem["existing"]![0]!["serial"]!);
        Assert.Equal(1, CountFor(person));
    }

    [SkippableFact]
    public async Task allowDuplicate_true_issues_the_second_certificate()
    {
        var admin = _host.AdminClient();
        var person = CertificateTestData.InsertCompatriot(_host, "Асель Жумабаева");
        var (first, _) = await CertificateTestData.IssueAsync(admin, person, reason: "Айылдын жолун салууга салымы үчүн");

        var second = await admin.PostJson("/api/certificates", Body(person, "Айылдын жолун салууга салымы үчүн", allowDuplicate: true), HttpStatusCode.Created);

        Assert.NotEqual(first, (string)second["serial"]!);
        Assert.Equal(2, CountFor(person));
    }

    [SkippableFact]
    public async Task Another_kind_another_reason_or_a_revoked_paper_is_no_duplicate()
    {
        var admin = _host.AdminClient();
        var person = CertificateTestData.InsertCompatriot(_host, "Нургүл Осмонова");
        var (first, _) = await CertificateTestData.IssueAsync(admin, person, kind: "honorary", reason: "Ооруканага жардамы үчүн");

        await admin.PostJson("/api/certificates", Body(person, "Ооруканага жардамы үчүн", kind: "gratitude"), HttpStatusCode.Created);
        await admin.PostJson("/api/certificates", Body(person, "Мектепке жардамы үчүн"), HttpStatusCode.Created);
        await admin.PostJson($"/api/certificates/{first}/revoke", new { reason = "Ката менен берилген" }, HttpStatusCode.OK);
        await admin.PostJson("/api/certificates", Body(person, "Ооруканага жардамы үчүн"), HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task A_misspelt_allowDuplicate_is_refused_by_name()
    {
        var admin = _host.AdminClient();
        var person = CertificateTestData.InsertCompatriot(_host, "Эрмек Садыков");

        var response = await admin.PostAsJsonAsync("/api/certificates", new
        {
            compatriotId = person, moduleId = "issyk-kul", kind = "honorary", language = "ky", reason = "Салымы үчүн", allowDuplicates = true,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNode())["errors"]!["allowDuplicates"]);
        Assert.Equal(0, CountFor(person));
    }

    [SkippableFact]
    public async Task Every_faulty_field_is_named_at_once()
    {
        var admin = _host.AdminClient();

        var response = await admin.PostAsJsonAsync("/api/certificates", new { moduleId = "issyk-kul", kind = "medal", language = "de", reason = "  " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadNode())["errors"]!.AsObject();
        Assert.Equal(["compatriotId", "kind", "language", "reason"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task A_reason_in_latin_letters_on_a_kyrgyz_paper_is_issued_with_a_warning()
    {
        var admin = _host.AdminClient();
        var person = CertificateTestData.InsertCompatriot(_host, "Темир Абдыкеримов");

        var issued = await admin.PostJson("/api/certificates", Body(person, "For repairing the school roof in Karakol"), HttpStatusCode.Created);
        var fine = await admin.PostJson("/api/certificates", Body(person, "Каракол шаарындагы мектептин чатырын оңдогону үчүн"), HttpStatusCode.Created);

        var warning = issued["warnings"]!.AsArray().Single()!;
        Assert.Equal("reason", (string)warning["field"]!);
        Assert.Equal("en", (string)warning["textLanguage"]!);
        Assert.Equal("ky", (string)warning["paperLanguage"]!);
        Assert.Empty(fine["warnings"]!.AsArray());
    }

    [SkippableFact]
    public async Task Revoking_without_a_reason_says_the_reason_is_shown_publicly()
    {
        var admin = _host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, "Жылдыз Касымова"));

        var response = await admin.PostAsJsonAsync($"/api/certificates/{serial}/revoke", new { reason = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (string)(await response.ReadNode())["errors"]!["reason"]![0]!;
        Assert.Contains("give the reason for revoking", message, StringComparison.Ordinal);
        Assert.Contains("shown publicly", message, StringComparison.Ordinal);
        Assert.Equal("valid", (string)(await admin.GetJson($"/api/certificates/{serial}"))["status"]!);
    }

    private static object Body(long person, string reason, string kind = "honorary", bool allowDuplicate = false) =>
        new { compatriotId = person, moduleId = "issyk-kul", kind, language = "ky", reason, allowDuplicate };

    private long CountFor(long person) =>
        TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate WHERE compatriot_id = @person", new { person });
}
