using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Security;

namespace CampaignEngine.Web.Tests.Ui;

public sealed class NoDeadEndTestsOnSqlite(NoDeadEndTests.DemoOnSqlite fixture) : NoDeadEndTests(fixture), IClassFixture<NoDeadEndTests.DemoOnSqlite>;

public sealed class NoDeadEndTestsOnPostgreSql(NoDeadEndTests.DemoOnPostgreSql fixture) : NoDeadEndTests(fixture), IClassFixture<NoDeadEndTests.DemoOnPostgreSql>;

/// <summary>
/// Every link a signed-in user is shown leads somewhere they may go. Crawls each role's pages from the dashboard (one
/// page per path shape, so /pledges/12 stands for every pledge) on the demo data and follows every same-site link.
/// </summary>
public abstract class NoDeadEndTests(NoDeadEndTests.DemoHost fixture)
{
    /// <summary>The demo host of one engine, started at the first test that asks, so a missing PostgreSQL cluster skips the tests.</summary>
    public abstract class DemoHost(string engine) : IDisposable
    {
        private TestHost? _host;

        public TestHost Host => _host ??= new(demo: true, demoCompatriots: 300, engine: engine);

        public void Dispose()
        {
            _host?.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    public sealed class DemoOnSqlite() : DemoHost(TestHost.Sqlite);

    public sealed class DemoOnPostgreSql() : DemoHost(TestHost.PostgreSql);

    [SkippableTheory]
    [InlineData("admin")]
    [InlineData("officer")]
    [InlineData("oblast")]
    [InlineData("leader")]
    public async Task No_link_shown_to_a_role_leads_to_access_denied(string role)
    {
        var client = await SignInAsync(role);

        var deadEnds = new List<string>();
        var pages = await StaffCrawl.WalkAsync(client, page =>
        {
            if (IsDeadEnd(page.Response))
                deadEnds.Add($"{page.Url} (linked from {page.From}): {(int)page.Response.StatusCode} {page.Response.Headers.Location}");
            return Task.CompletedTask;
        });

        Assert.True(deadEnds.Count == 0, $"{role} is shown links that refuse them:\n" + string.Join('\n', deadEnds));
        Assert.True(pages > 5, $"the crawl of {role}'s pages found only {pages} pages");
    }

    [SkippableFact]
    public async Task The_refusal_page_links_back_to_the_dashboard()
    {
        var client = await SignInAsync("leader");

        var response = await client.GetAsync("/campaigns");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location!.ToString());

        Assert.Contains("href=\"/\"", page, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignInAsync(string role)
    {
        var login = $"{role}-crawler-{Guid.NewGuid():N}"[..24];
        long? organization = role == "leader"
            ? TestCompatriots.Scalar(fixture.Host, "SELECT id FROM directory_organization ORDER BY id LIMIT 1")
            : null;
        Security.Users.Create(fixture.Host, login, role, role == "oblast" ? "KG-Y" : null, organization);
        return await Security.Users.SignInAsync(fixture.Host, login);
    }

    private static bool IsDeadEnd(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.InternalServerError
        || (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString is { } to
            && (to.Contains("/account/denied", StringComparison.Ordinal) || to.Contains("/account/login", StringComparison.Ordinal)));
}
