using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class AnsweredVsNotReportTestsOnSqlite() : AnsweredVsNotReportTests(TestHost.Sqlite);

public sealed class AnsweredVsNotReportTestsOnPostgreSql() : AnsweredVsNotReportTests(TestHost.PostgreSql);

/// <summary>"Answered vs not answered" beside the funnel: who asked, who got an answer, who pledged within 90 days of asking.</summary>
public abstract class AnsweredVsNotReportTests(string engine) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Asked = new(2026, 4, 1, 4, 0, 0, TimeSpan.Zero);
    private readonly TestHost _host = new(engine) { Customize = StoppedClock.At(Now) };

    [SkippableFact]
    public async Task People_who_got_an_answer_and_those_who_did_not_are_counted_with_their_pledges_within_90_days()
    {
        var aigul = Person("Айгүл", "female", "KG-Y");
        var bakyt = Person("Бакыт", "male", "KG-Y");
        var nurlan = Person("Нурлан", "male", "KG-N");
        DeskStatsData.Insert(_host, new("issyk-kul", "female", Asked, 60) { CompatriotId = aigul, HomeRegion = "KG-Y" });
        DeskStatsData.Insert(_host, new("issyk-kul", "female", Asked.AddDays(3)) { CompatriotId = aigul, HomeRegion = "KG-Y" });
        DeskStatsData.Insert(_host, new("issyk-kul", "male", Asked) { CompatriotId = bakyt, HomeRegion = "KG-Y" });
        DeskStatsData.Insert(_host, new("naryn", "male", Asked, 60) { CompatriotId = nurlan, HomeRegion = "KG-N" });
        Pledge(aigul, Asked.AddDays(10), 100, "pledged");
        Pledge(aigul, Asked.AddDays(30), 50, "fulfilled");
        Pledge(aigul, Asked.AddDays(95), 1000, "pledged");      // after 90 days
        Pledge(bakyt, Asked.AddDays(-5), 70, "pledged");        // before asking
        Pledge(bakyt, Asked.AddDays(20), 40, "cancelled");
        Pledge(nurlan, Asked.AddDays(1), 25, "pledged");

        var admin = await Security.Users.SignInAsync(_host, "admin", password: "admin-password-for-tests");
        var all = Table(await admin.GetStringAsync("/reports/answers?lang=en"));
        var issykKul = Table(await (await Security.Users.SignInAsync(_host, "issyk", Roles.Oblast, "KG-Y")).GetStringAsync("/reports/answers?lang=en"));

        Assert.Equal(["2", "1", "1", "0", "0", "2", "100.0 %", "3", "175.00"], all["yes"]);
        Assert.Equal(["1", "0", "1", "0", "0", "0", "0.0 %", "0", "0.00"], all["no"]);
        Assert.Equal(["1", "1", "0", "0", "0", "1", "100.0 %", "2", "150.00"], issykKul["yes"]);
        Assert.Contains("<svg", await admin.GetStringAsync("/reports/answers"), StringComparison.Ordinal);
    }

    private long Person(string name, string gender, string region) => TestCompatriots.Insert(_host, new(name, gender, region, "RU"));

    private void Pledge(long person, DateTimeOffset at, decimal usd, string status)
    {
        using var connection = _host.OpenDatabase();
        connection.Execute("""
            INSERT INTO pledge (compatriot_id, kind, amount, currency, amount_usd, status, recorded_by, gender, age_band, home_region, country, created_at)
            SELECT id, 'money', @usd, 'USD', @usd, @status, 'self', gender, '30-39', home_region, country, @at FROM directory_compatriot WHERE id = @person
            """, new { person, usd, status, at = DeskStatsData.Utc(at) });
    }

    /// <summary>The cells of each row of the table, by its data-answered value.</summary>
    private static Dictionary<string, string[]> Table(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<tr data-answered=\"(\\w+)\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => System.Text.RegularExpressions.Regex.Matches(m.Groups[2].Value, "<td[^>]*>([^<]*)</td>").Select(c => c.Groups[1].Value).ToArray());

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
