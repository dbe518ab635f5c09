using System.Globalization;
using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class DonorConsentTestsOnSqlite() : DonorConsentTests(TestHost.Sqlite);

public sealed class DonorConsentTestsOnPostgreSql() : DonorConsentTests(TestHost.PostgreSql);

/// <summary>
/// The project page thanks donors by name only when they ticked "show my name" — on the tracked page, on the
/// leader's offline form, or through the API — and only once their money has arrived.
/// </summary>
public abstract class DonorConsentTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Only_donors_who_consented_through_any_of_the_three_forms_are_named_on_the_project_page()
    {
        var admin = _host.AdminClient();
        var organization = ProjectTestKit.Organization(_host, "Нарын жердештери");
        var project = (long)(await admin.PostJson("/api/projects", new
        {
            region = "KG-N", budget = 10000, currency = "USD", title = new { ky = "Суу", ru = "Вода", en = "Water" },
        }, HttpStatusCode.Created))["id"]!;

        var webConsent = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var webSilent = TestCompatriots.Insert(_host, new("Бакыт Токтогулов", "male", "KG-N", "DE"));
        var offline = TestCompatriots.Insert(_host, new("Нурлан Асанов", "male", "KG-N", "RU", OrganizationId: organization));
        var apiConsent = TestCompatriots.Insert(_host, new("Жылдыз Касымова", "female", "KG-N", "QA"));
        var apiSilent = TestCompatriots.Insert(_host, new("Эрмек Сыдыков", "male", "KG-N", "QA"));
        var (campaign, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", webConsent, webSilent);
        ProjectTestKit.AskFor(_host, campaign, project);

        // The tracked page: the form with the box ticked, and a JSON caller without it.
        var anonymous = _host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var landing = await anonymous.GetStringAsync($"/r/{tokens[webConsent]}?lang=ky");
        Assert.Contains("name=\"PublicNameConsent\"", landing);
        var posted = await anonymous.PostAsync($"/r/{tokens[webConsent]}/pledge", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(landing), ["Kind"] = "money", ["Amount"] = "100", ["Currency"] = "USD",
            ["ProjectId"] = project.ToString(CultureInfo.InvariantCulture), ["PublicNameConsent"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await anonymous.PostJson($"/r/{tokens[webSilent]}/pledge", new { kind = "money", amount = 100, currency = "USD", projectId = project }, HttpStatusCode.Created);

        // The leader's offline form.
        ProjectTestKit.CreateUser(_host, "leader-consent", "leader", organizationId: organization);
        var leader = await ProjectTestKit.SignInAsync(_host, "leader-consent");
        var form = await leader.GetStringAsync("/pledges/new?lang=en");
        Assert.Contains("name=\"PublicNameConsent\"", form);
        // The leader ticks it for the compatriot, so it speaks of them, not of whoever reads the form ("thank me").
        Assert.Contains("They agree to be thanked by name (first name and initial) on the project&#x27;s public page", form);
        Assert.Contains($"<option value=\"{project}\">", form); // the leader picks the project from a list
        var recorded = await leader.PostAsync("/pledges/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(form), ["CompatriotId"] = offline.ToString(CultureInfo.InvariantCulture), ["Kind"] = "money",
            ["Amount"] = "100", ["Currency"] = "USD", ["ProjectId"] = project.ToString(CultureInfo.InvariantCulture), ["PublicNameConsent"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        // The API.
        var consenting = await admin.PostJson("/api/pledges", new { compatriotId = apiConsent, kind = "money", amount = 100, currency = "USD", projectId = project, publicNameConsent = true }, HttpStatusCode.Created);
        Assert.True((bool)consenting["publicNameConsent"]!);
        await admin.PostJson("/api/pledges", new { compatriotId = apiSilent, kind = "money", amount = 100, currency = "USD", projectId = project }, HttpStatusCode.Created);

        var page = await _host.CreateClient().GetStringAsync($"/projects/{project}?lang=ru");
        Assert.DoesNotContain("Айпери", page); // nothing has arrived yet: no one is thanked

        var approver = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "officer-consent", "officer"));
        foreach (var pledge in (await admin.GetJson($"/api/pledges?projectId={project}")).AsArray())
        {
            var fulfilment = (long)(await admin.PostJson($"/api/pledges/{(long)pledge!["id"]!}/fulfilments", new { amount = 100, currency = "USD", evidence = "bank 1" }, HttpStatusCode.Created))["id"]!;
            await approver.PostJson($"/api/fulfilments/{fulfilment}/approve", new { }, HttpStatusCode.OK);
        }

        page = await _host.CreateClient().GetStringAsync($"/projects/{project}?lang=ru");
        Assert.Contains("Айпери Ж.", page);
        Assert.Contains("Нурлан А.", page);
        Assert.Contains("Жылдыз К.", page);
        Assert.DoesNotContain("Бакыт", page);
        Assert.DoesNotContain("Эрмек", page);
        Assert.DoesNotContain("Жумабаева", page); // a partial name only
        Assert.Contains("500 USD", page);
        Assert.Contains("<p id=\"donors\">Участников: 5</p>", page);
    }

    [SkippableFact]
    public async Task A_pledge_naming_an_unknown_project_is_refused_naming_the_field_on_the_public_and_the_leaders_form()
    {
        var person = TestCompatriots.Insert(_host, new("Айпери", "female", "KG-N", "DE"));
        var (_, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);
        var refused = await _host.CreateClient().PostJson($"/r/{tokens[person]}/pledge", new { kind = "money", amount = 10, currency = "USD", projectId = 424242 }, HttpStatusCode.BadRequest);
        Assert.Contains("projectId", refused["errors"]!.ToJsonString());

        ProjectTestKit.CreateUser(_host, "officer-project", "officer");
        var officer = await ProjectTestKit.SignInAsync(_host, "officer-project");
        var form = await officer.GetStringAsync($"/pledges/new?compatriotId={person}&lang=en");
        var response = await officer.PostAsync("/pledges/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(form), ["CompatriotId"] = person.ToString(CultureInfo.InvariantCulture), ["Kind"] = "money",
            ["Amount"] = "10", ["Currency"] = "USD", ["ProjectId"] = "424242",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Project not found.", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge"));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
