using System.Globalization;
using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class ProjectGiveTestsOnSqlite() : ProjectGiveTests(TestHost.Sqlite);

public sealed class ProjectGiveTestsOnPostgreSql() : ProjectGiveTests(TestHost.PostgreSql);

/// <summary>
/// The public project page offers a way to give. A visitor who came from their own appeal page gives as themselves,
/// through their link's rules (the campaign must ask for the project); anyone else gets the offer form
/// (<see cref="ProjectOfferTests"/>), and the page that carries someone's link is never cached or indexed.
/// </summary>
public abstract class ProjectGiveTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_visitor_from_their_own_link_gives_to_the_project_as_themselves_from_its_page()
    {
        var (project, token) = await CampaignForProjectAsync();
        var visitor = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var landing = await visitor.GetStringAsync($"/r/{token}?lang=en");
        Assert.Contains($"/projects/{project}?lang=en&amp;via={token}", landing, StringComparison.Ordinal);
        var response = await visitor.GetAsync($"/projects/{project}?lang=en&via={token}");
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.Headers.CacheControl!.NoStore, "a page with someone's link was left cacheable");
        Assert.Contains($"action=\"/r/{token}/pledge?lang=en\"", page, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"hidden\" name=\"ProjectId\" value=\"{project}\">", page, StringComparison.Ordinal);

        var posted = await visitor.PostAsync($"/r/{token}/pledge?lang=en", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(page), ["Amount"] = "1,250.50", ["Currency"] = "KGS",
            ["ProjectId"] = project.ToString(CultureInfo.InvariantCulture),
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE project_id = @project AND recorded_by = 'self' AND amount = 1250.5", new { project }));
    }

    [SkippableFact]
    public async Task Without_a_link_that_asks_for_the_project_the_page_offers_the_strangers_form_never_a_links_and_is_not_cached()
    {
        var (project, _) = await CampaignForProjectAsync();
        var person = TestCompatriots.Insert(_host, new("Бакыт Осмонов", "male", "KG-N", "RU"));
        var (_, otherTokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);   // a campaign that asks for no project

        foreach (var address in new[] { $"/projects/{project}?lang=en", $"/projects/{project}?lang=en&via={otherTokens[person]}", $"/projects/{project}?lang=en&via=not-a-token" })
        {
            var response = await _host.CreateClient().GetAsync(address);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"action=\"/projects/{project}/offer?lang=en\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("/pledge?lang=", page, StringComparison.Ordinal);
            // The form carries an anti-forgery token tied to this visitor's cookie: a shared cache must not hand it to another.
            Assert.True(response.Headers.CacheControl!.NoStore, "a page with a form token was left cacheable");
        }
    }

    private async Task<(long Project, string Token)> CampaignForProjectAsync()
    {
        var project = (long)(await _host.AdminClient().PostJson("/api/projects", new
        {
            region = "KG-N", budget = 100_000, currency = "USD", title = new { ky = "Таза суу", ru = "Чистая вода", en = "Clean water" },
        }, HttpStatusCode.Created))["id"]!;
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var (campaign, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);
        ProjectTestKit.AskFor(_host, campaign, project);
        return (project, tokens[person]);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
