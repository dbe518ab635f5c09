using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Operations;

public sealed class JobsDashboardTestsOnSqlite() : JobsDashboardTests(TestHost.Sqlite);

public sealed class JobsDashboardTestsOnPostgreSql() : JobsDashboardTests(TestHost.PostgreSql);

/// <summary>Hangfire's dashboard at /jobs: an admin's page, its commands checked against forgery and audited.</summary>
public abstract partial class JobsDashboardTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task An_admin_sees_the_recurring_jobs_and_a_command_needs_the_pages_token_and_is_audited()
    {
        var admin = await Security.Users.SignInAsync(_host, "jobs-admin", "admin");
        var page = await admin.GetAsync("/jobs/recurring");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("dispatch-sweep", html, StringComparison.Ordinal);

        var trigger = new Dictionary<string, string> { ["jobs[]"] = "dispatch-sweep" };
        var forged = await admin.PostAsync("/jobs/recurring/trigger", new FormUrlEncodedContent(trigger));
        Assert.False(forged.IsSuccessStatusCode, $"a command without the page's anti-forgery token answered {forged.StatusCode}");

        var header = AntiforgeryHeader().Match(html);
        Assert.True(header.Success, "the dashboard page carries no anti-forgery token");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/trigger") { Content = new FormUrlEncodedContent(trigger) };
        request.Headers.Add(header.Groups[1].Value, WebUtility.HtmlDecode(header.Groups[2].Value));
        var command = await admin.SendAsync(request);
        Assert.True(command.IsSuccessStatusCode, $"the command answered {command.StatusCode}");
        // The forged command was refused before it was recorded: one command, the one done.
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'jobs.command'"));
        Assert.Equal(1, TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'jobs.command' AND subject = '/recurring/trigger' AND detail LIKE '%dispatch-sweep%'"));
    }

    [SkippableFact]
    public async Task An_officer_signed_in_is_refused_and_nobody_anonymous_gets_in()
    {
        var officer = await Security.Users.SignInAsync(_host, "jobs-officer", "officer");
        var refused = await officer.GetAsync("/jobs");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.ToString().Contains("/account/denied", StringComparison.Ordinal) == true,
            $"an officer got {refused.StatusCode}");
        var anonymous = await _host.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/jobs/recurring");
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\">\\s*<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryHeader();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
