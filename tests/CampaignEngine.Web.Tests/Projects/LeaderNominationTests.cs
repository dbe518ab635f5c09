using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class LeaderNominationTestsOnSqlite() : LeaderNominationTests(TestHost.Sqlite);

public sealed class LeaderNominationTestsOnPostgreSql() : LeaderNominationTests(TestHost.PostgreSql);

/// <summary>A diaspora leader proposes members of their own organisation for a certificate; the home region's administration decides.</summary>
public abstract class LeaderNominationTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Leader_nominates_an_own_member_and_the_home_regions_oblast_user_approves_it()
    {
        var organization = ProjectTestKit.Organization(_host, "Kyrgyz Community Doha");
        var leader = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "leader-nom", "leader", organizationId: organization));
        var member = TestCompatriots.Insert(_host, new("Азамат Мамытов", "male", "KG-N", "QA", OrganizationId: organization));

        var created = await leader.PostJson("/api/certificates/nominations",
            new { compatriotId = member, kind = "gratitude", reason = "Жамааттын кечесин уюштурганы үчүн" }, HttpStatusCode.Created);
        Assert.Equal("naryn", (string)created["moduleId"]!);
        var id = (long)created["id"]!;
        await leader.PostJson("/api/certificates/nominations",
            new { compatriotId = member, kind = "gratitude", reason = "Жамааттын кечесин уюштурганы үчүн" }, HttpStatusCode.Conflict);
        Assert.Single((await leader.GetJson("/api/certificates/nominations")).AsArray());

        var talas = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "talas-nom", "oblast", "KG-T"));
        Assert.Empty((await talas.GetJson("/api/certificates/nominations")).AsArray());
        var naryn = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "naryn-nom", "oblast", "KG-N"));
        Assert.Contains((await naryn.GetJson("/api/certificates/nominations")).AsArray(), n => (long)n!["id"]! == id);
        var issued = await naryn.PostJson($"/api/certificates/nominations/{id}/approve", new { language = "ky" }, HttpStatusCode.Created);
        Assert.StartsWith("NR-", (string)issued["serial"]!);
        Assert.Equal("approved", (string)(await leader.GetJson("/api/certificates/nominations?status=all")).AsArray().Single()!["status"]!);
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'certificate.nominate' AND subject = @s", new { s = $"nomination/{id}" }));
    }

    [SkippableFact]
    public async Task A_leader_cannot_nominate_someone_outside_their_organisation_and_other_roles_do_not_nominate()
    {
        var own = ProjectTestKit.Organization(_host, "Own");
        var other = ProjectTestKit.Organization(_host, "Other");
        var leader = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "leader-out", "leader", organizationId: own));
        var stranger = TestCompatriots.Insert(_host, new("Чужой Адам", "male", "KG-N", "RU", OrganizationId: other));
        var unaffiliated = TestCompatriots.Insert(_host, new("Жалгыз Адам", "female", "KG-N", "RU"));

        foreach (var person in new[] { stranger, unaffiliated, 999_999L })
        {
            var refused = await leader.PostAsJsonAsync("/api/certificates/nominations", new { compatriotId = person, kind = "honorary", reason = "Жакшы адам" });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("compatriotId", await refused.Content.ReadAsStringAsync());
        }
        var member = TestCompatriots.Insert(_host, new("Өз Адам", "female", "KG-N", "RU", OrganizationId: own));
        var badKind = await leader.PostAsJsonAsync("/api/certificates/nominations", new { compatriotId = member, kind = "medal", reason = "x" });
        Assert.Contains("kind", await badKind.Content.ReadAsStringAsync());

        var officer = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "officer-nom", "officer"));
        var byOfficer = await officer.PostAsJsonAsync("/api/certificates/nominations", new { compatriotId = member, kind = "honorary", reason = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM certificate_nomination"));
    }

    [SkippableFact]
    public async Task The_nominate_button_on_a_members_pledge_page_sends_the_nomination()
    {
        var organization = ProjectTestKit.Organization(_host, "Page fund");
        var key = ProjectTestKit.CreateUser(_host, "leader-page", "leader", organizationId: organization);
        var member = TestCompatriots.Insert(_host, new("Гүлнара Асанова", "female", "KG-Y", "AE", OrganizationId: organization));
        var pledge = (long)(await _host.ClientWithKey(key).PostJson("/api/pledges", new { compatriotId = member, kind = "time", hours = 3, contributionType = "training" }, HttpStatusCode.Created))["id"]!;
        var other = ProjectTestKit.Organization(_host, "Elsewhere");
        var stranger = TestCompatriots.Insert(_host, new("Чужой", "male", "KG-Y", "AE", OrganizationId: other));
        var strangersPledge = (long)(await _host.AdminClient().PostJson("/api/pledges", new { compatriotId = stranger, kind = "time", hours = 3, contributionType = "training" }, HttpStatusCode.Created))["id"]!;

        var browser = await ProjectTestKit.SignInAsync(_host, "leader-page");
        var page = await browser.GetStringAsync($"/pledges/{pledge}?lang=en");
        Assert.Contains("action=\"/certificates/nominations/propose\"", page);
        var response = await browser.PostAsync("/certificates/nominations/propose", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(page), ["pledgeId"] = pledge.ToString(CultureInfo.InvariantCulture), ["kind"] = "gratitude", ["reason"] = "Taught 3 hours of Excel",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("nominated=true", response.Headers.Location!.ToString());
        Assert.Contains("Taught 3 hours of Excel", await browser.GetStringAsync($"/pledges/{pledge}"));
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM certificate_nomination WHERE compatriot_id = @member AND module_id = 'issyk-kul'", new { member }));

        var outside = await browser.PostAsync("/certificates/nominations/propose", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(page), ["pledgeId"] = strangersPledge.ToString(CultureInfo.InvariantCulture), ["kind"] = "gratitude", ["reason"] = "x",
        }));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM certificate_nomination WHERE compatriot_id = @stranger", new { stranger }));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
