using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class ResponsivenessPageTestsOnSqlite() : ResponsivenessPageTests(TestHost.Sqlite);

public sealed class ResponsivenessPageTestsOnPostgreSql() : ResponsivenessPageTests(TestHost.PostgreSql);

/// <summary>
/// The public page of responsiveness: per oblast over the last 90 days, in the reader's language, counts only, and a
/// figure built on fewer than five questions shown as "fewer than 5".
/// </summary>
public abstract class ResponsivenessPageTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 6, 0, 0, TimeSpan.Zero);
    private const string PersonName = "Айгерим Сентинелова";
    private const string Question = "Where are my pension papers, Sentinel?";
    private const string Stranger = "sentinel-stranger@example.org";

    private readonly TestHost _host;

    protected ResponsivenessPageTests(string engine)
    {
        _host = new(engine) { Customize = StoppedClock.At(Now) };
        var person = TestCompatriots.Insert(_host, new(PersonName, "female", "KG-Y", "AE"));
        var asked = new DateTimeOffset(2026, 6, 1, 4, 0, 0, TimeSpan.Zero);
        // Issyk-Kul: six questions, four answered (after 1, 2, 3 and 4 hours), three of them in time; Naryn: three.
        foreach (var (minutes, i) in new int?[] { 60, 120, 180, 240, null, null }.Select((m, i) => (m, i)))
            DeskStatsData.Insert(_host, new("issyk-kul", "female", asked, minutes, DueAfterHours: i == 3 ? 3 : 240)
                { CompatriotId = person, HomeRegion = "KG-Y", Text = Question });
        foreach (var _ in Enumerable.Range(0, 3))
            DeskStatsData.Insert(_host, new("naryn", "male", asked, 30) { HomeRegion = "KG-N", UnknownSender = Stranger, Text = Question });
        // Answered a year ago: outside the 90 days.
        foreach (var _ in Enumerable.Range(0, 5))
            DeskStatsData.Insert(_host, new("naryn", "male", asked.AddDays(-365), 30) { HomeRegion = "KG-N" });
    }

    [SkippableTheory]
    [InlineData("ky", "Администрациялар кантип жооп берет", "5тен аз", "Ысык-Көл")]
    [InlineData("ru", "Как отвечают администрации", "меньше 5", "Иссык-Куль")]
    [InlineData("en", "How the administrations answer", "fewer than 5", "Issyk-Kul")]
    public async Task The_page_speaks_the_readers_language_and_suppresses_small_figures(string lang, string title, string fewer, string issykKul)
    {
        var html = await _host.CreateClient().GetStringAsync($"/responsiveness?lang={lang}");

        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(issykKul, html, StringComparison.Ordinal);
        var issyk = Section(html, "issyk-kul");
        Assert.Contains("data-figure=\"received\">6<", issyk, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"answered\">67 %<", issyk, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"within-sla\">50 %<", issyk, StringComparison.Ordinal);
        Assert.Contains($"data-figure=\"median\">{fewer}<", issyk, StringComparison.Ordinal);   // four answered
        var naryn = Section(html, "naryn");
        Assert.Contains($"data-figure=\"received\">{fewer}<", naryn, StringComparison.Ordinal);
        Assert.Contains($"data-figure=\"median\">{fewer}<", naryn, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_median_shows_once_five_questions_are_answered()
    {
        DeskStatsData.Insert(_host, new("issyk-kul", "male", new DateTimeOffset(2026, 6, 2, 4, 0, 0, TimeSpan.Zero), 300) { HomeRegion = "KG-Y" });

        var html = await _host.CreateClient().GetStringAsync("/responsiveness?lang=ru");

        // Waits of 1, 2, 3, 4 and 5 hours.
        Assert.Contains("data-figure=\"median\">3 ч<", Section(html, "issyk-kul"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_page_holds_no_personal_data_and_may_be_cached_a_few_minutes()
    {
        var response = await _host.CreateClient().GetAsync("/responsiveness?lang=en");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Sentinel", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Сентинел", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Stranger, html, StringComparison.Ordinal);
        Assert.DoesNotContain("assignee", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    private static string Section(string html, string moduleId)
    {
        var start = html.IndexOf($"id=\"module-{moduleId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {moduleId}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
