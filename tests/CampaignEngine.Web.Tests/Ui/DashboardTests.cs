using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Ui;

public sealed class DashboardTestsOnSqlite() : DashboardTests(TestHost.Sqlite);

public sealed class DashboardTestsOnPostgreSql() : DashboardTests(TestHost.PostgreSql);

/// <summary>The dashboard shows each user what waits for them, oldest and overdue first, in Bishkek time.</summary>
public abstract class DashboardTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_fulfilment_waits_on_the_dashboard_of_whoever_may_approve_it_and_not_of_who_recorded_it()
    {
        var person = TestCompatriots.Insert(_host, new TestCompatriot("Гүлнара Токтогулова", "female", "KG-Y", "AE"));
        var admin = _host.AdminClient();
        var pledge = await admin.PostJson("/api/pledges", new { compatriotId = person, kind = "money", amount = 300, currency = "USD" }, HttpStatusCode.Created);
        await admin.PostJson($"/api/pledges/{pledge["id"]}/fulfilments", new { amount = 120, currency = "USD", evidence = "Bank ref 77" }, HttpStatusCode.Created);
        // Recorded a week ago: past the five days after which it is marked overdue.
        TestCompatriots.Scalar(_host, "UPDATE pledge_fulfilment SET recorded_at = '2020-01-01T08:00:00.000Z' RETURNING id");

        var officer = await Security.Users.SignInAsync(_host, "officer-queue", "officer");
        var officerPage = await officer.GetStringAsync("/?lang=en");
        var recorderPage = await (await Security.Users.SignInAsync(_host, "admin", password: "admin-password-for-tests")).GetStringAsync("/?lang=en");

        Assert.Contains($"href=\"/pledges/{pledge["id"]}\"", officerPage, StringComparison.Ordinal);
        Assert.Contains("120 USD", officerPage, StringComparison.Ordinal);
        Assert.Contains("overdue", officerPage, StringComparison.Ordinal);
        // 08:00 UTC is 14:00 in Bishkek.
        Assert.Contains("2020-01-01 14:00", officerPage, StringComparison.Ordinal);
        Assert.Contains("Nothing waits for you.", recorderPage, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Pledge_counts_and_dollars_are_drawn_on_charts_of_their_own()
    {
        var officer = await Security.Users.SignInAsync(_host, "officer-charts", "officer");

        var page = await officer.GetStringAsync("/?lang=en");

        Assert.Equal(2, page.Split("<svg class=\"chart\"").Length - 1);
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
