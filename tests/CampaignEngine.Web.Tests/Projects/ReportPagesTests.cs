using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class ReportPagesTestsOnSqlite() : ReportPagesTests(TestHost.Sqlite);

public sealed class ReportPagesTestsOnPostgreSql() : ReportPagesTests(TestHost.PostgreSql);

/// <summary>The report pages, checked against totals worked out by hand from the pledges the test makes.</summary>
public abstract partial class ReportPagesTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    // Naryn natives: three women in Germany (100, 50, 25 USD), a man in Germany (40 USD), a person of unknown gender in Russia (10 USD).
    // An Issyk-Kul woman in the UAE (1,000 USD) whom a Naryn oblast user must not see.
    private async Task<(long Campaign, long Organization, long[] People)> Pledges()
    {
        var admin = _host.AdminClient();
        var organization = ProjectTestKit.Organization(_host, "Berlin");
        var people = new[]
        {
            TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-N", "DE", OrganizationId: organization, Willing: "yes")),
            TestCompatriots.Insert(_host, new("Бермет", "female", "KG-N", "DE", Willing: "unsure")),
            TestCompatriots.Insert(_host, new("Чолпон", "female", "KG-N", "DE", Willing: null)),
            TestCompatriots.Insert(_host, new("Данияр", "male", "KG-N", "DE", OrganizationId: organization, Willing: "yes")),
            TestCompatriots.Insert(_host, new("Эл", "unknown", "KG-N", "RU", Willing: "no")),
            TestCompatriots.Insert(_host, new("Жазгүл", "female", "KG-Y", "AE", Willing: "yes")),
        };
        var (campaign, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", people[..5]);
        var amounts = new[] { 100m, 50m, 25m, 40m, 10m, 1000m };
        var ids = new List<long>();
        var anonymous = _host.CreateClient();
        for (var i = 0; i < people.Length; i++)
        {
            var created = i < 5
                ? await anonymous.PostJson($"/r/{tokens[people[i]]}/pledge", new { kind = "money", amount = amounts[i], currency = "USD" }, HttpStatusCode.Created)
                : await admin.PostJson("/api/pledges", new { compatriotId = people[i], kind = "money", amount = amounts[i], currency = "USD" }, HttpStatusCode.Created);
            ids.Add((long)created["id"]!);
        }
        // Aigul's 100 USD arrives in full; the click on Bermet's link is recorded.
        var fulfilment = (long)(await admin.PostJson($"/api/pledges/{ids[0]}/fulfilments", new { amount = 100, currency = "USD", evidence = "bank 7" }, HttpStatusCode.Created))["id"]!;
        await _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "approver", "officer")).PostJson($"/api/fulfilments/{fulfilment}/approve", new { }, HttpStatusCode.OK);
        await anonymous.GetAsync($"/r/{tokens[people[1]]}");
        return (campaign, organization, people);
    }

    [SkippableFact]
    public async Task Officer_sees_pledges_by_country_split_into_women_men_other_and_unknown_with_a_chart_and_export_links()
    {
        var (campaign, _, _) = await Pledges();
        ProjectTestKit.CreateUser(_host, "officer-r", "officer");
        var browser = await ProjectTestKit.SignInAsync(_host, "officer-r");
        var html = await browser.GetStringAsync("/reports?by=country&lang=en");

        Assert.Contains("<svg class=\"chart\"", html);
        foreach (var gender in new[] { "Women", "Men", "Other", "Unknown" }) Assert.Contains($"<th colspan=\"2\" class=\"num\">{gender}</th>", html);
        // Germany: women 3 pledges / 175 USD, men 1 / 40, other 0, unknown 0; total 4 / 215, one of four fulfilled.
        var germany = Cells(Row(html, "DE"));
        Assert.Equal(["3", "175.00", "1", "40.00", "0", "0.00", "0", "0.00", "4", "215.00"], germany[..10]);
        Assert.Equal(["100.00", "25.0 %"], germany[11..]); // KGS between them follows the rate table
        var russia = Cells(Row(html, "RU"));
        Assert.Equal(["0", "0.00", "0", "0.00", "0", "0.00", "1", "10.00", "1", "10.00"], russia[..10]);
        Assert.Equal(["0.00", "0.0 %"], russia[11..]);
        Assert.Equal("1,225.00", Cells(Row(html, ""))[9]); // the total row: 175 + 40 + 10 + 1,000
        var csvLink = Regex.Match(html, "id=\"export-csv\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal("/reports/pledges/export?by=country%2Cgender&format=csv", csvLink);
        var csv = await browser.GetStringAsync(csvLink);
        Assert.StartsWith("\uFEFFCountry,Gender,Pledges", csv);   // in the page's language (English here)
        Assert.Contains("Germany,Women,<5", csv); // three women: too few to leave the building

        var byGender = await browser.GetStringAsync($"/reports?by=gender&campaignId={campaign}");
        Assert.Equal(["3", "3", "175.00"], Cells(Row(byGender, "female"))[..3]); // the campaign's pledges only, not Zhazgul's 1,000
    }

    [SkippableFact]
    public async Task Oblast_user_and_leader_see_only_their_scope_and_the_export_suppresses_small_groups()
    {
        var (_, organization, _) = await Pledges();
        ProjectTestKit.CreateUser(_host, "naryn-r", "oblast", "KG-N");
        var naryn = await ProjectTestKit.SignInAsync(_host, "naryn-r");
        var html = await naryn.GetStringAsync("/reports?by=gender&lang=en");
        Assert.Equal(["3", "3", "175.00"], Cells(Row(html, "female"))[..3]);  // not the Issyk-Kul woman's 1,000
        Assert.Equal("225.00", Cells(Row(html, ""))[2]);

        var csv = await naryn.GetStringAsync("/reports/pledges/export?by=gender&format=csv");
        Assert.Contains("Women,<5,<5", csv);   // the page's download speaks the reader's language (here English)
        Assert.DoesNotContain("175", csv);
        var xlsx = await naryn.GetAsync("/reports/pledges/export?by=country,gender&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await naryn.GetAsync("/reports/pledges/export?by=password&format=csv")).StatusCode);

        ProjectTestKit.CreateUser(_host, "leader-r", "leader", organizationId: organization);
        var leader = await ProjectTestKit.SignInAsync(_host, "leader-r");
        var members = await leader.GetStringAsync("/reports?by=gender&lang=en");
        Assert.Equal("140.00", Cells(Row(members, ""))[2]); // Aigul 100 + Daniyar 40
        Assert.Contains("id=\"no-campaigns\"", await leader.GetStringAsync("/reports/funnel"));
    }

    [SkippableFact]
    public async Task The_pages_download_has_headers_and_groups_in_the_readers_language_and_an_ascii_name_with_the_day()
    {
        await Pledges();
        ProjectTestKit.CreateUser(_host, "export-officer", "officer");
        var officer = await ProjectTestKit.SignInAsync(_host, "export-officer");
        await officer.GetAsync("/reports?lang=ru");

        var response = await officer.GetAsync("/reports/pledges/export?by=country,gender&format=csv");
        var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.StartsWith("Страна,Пол,Обещания,Человек,\"Сумма, USD\"", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Германия,Женщины,<5,<5", StringComparison.Ordinal));
        Assert.DoesNotContain("female", csv, StringComparison.Ordinal);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(6)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"pledges-by-country-gender-{today}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var api = await _host.AdminClient().GetStringAsync("/api/reports/pledges?by=gender&format=csv");
        Assert.StartsWith("gender,count", api.TrimStart('\uFEFF'), StringComparison.Ordinal);   // programs keep the codes
    }

    [SkippableFact]
    public async Task Funnel_page_shows_sent_delivered_clicked_pledged_fulfilled_by_gender_and_hides_other_regions_campaigns()
    {
        var (campaign, _, _) = await Pledges();
        ProjectTestKit.CreateUser(_host, "naryn-f", "oblast", "KG-N");
        var naryn = await ProjectTestKit.SignInAsync(_host, "naryn-f");
        var html = await naryn.GetStringAsync($"/reports/funnel?campaignId={campaign}&lang=en");
        Assert.Contains("<svg class=\"chart\"", html);
        // Women: 3 sent, 3 delivered, 1 clicked, 3 pledged, 1 fulfilled; click rate 33.3 %, pledge rate 100 %, fulfilment 33.3 %.
        Assert.Equal(["3", "3", "1", "3", "1", "33.3 %", "100.0 %", "33.3 %", "175.00"], Cells(GenderRow(html, "female")));
        Assert.Equal(["0", "0", "0", "0", "0", "0.0 %", "0.0 %", "0.0 %", "0.00"], Cells(GenderRow(html, "other")));
        Assert.Equal(["1", "1", "0", "1", "0", "0.0 %", "100.0 %", "0.0 %", "10.00"], Cells(GenderRow(html, "unknown")));

        ProjectTestKit.CreateUser(_host, "talas-f", "oblast", "KG-T");
        var talas = await ProjectTestKit.SignInAsync(_host, "talas-f");
        Assert.Equal(HttpStatusCode.NotFound, (await talas.GetAsync($"/reports/funnel?campaignId={campaign}")).StatusCode);
    }

    [SkippableFact]
    public async Task Cross_tab_page_shows_counts_with_row_and_column_percentages_and_an_unknown_column()
    {
        await Pledges();
        ProjectTestKit.CreateUser(_host, "officer-x", "officer");
        var browser = await ProjectTestKit.SignInAsync(_host, "officer-x");
        var html = await browser.GetStringAsync("/reports/crosstab?rows=gender&cols=willing&lang=en");
        Assert.Contains("<th class=\"num\" data-col=\"unknown\">Unknown</th>", html);
        // Women: yes 2 (Aigul, Zhazgul), unsure 1, unknown 1 of 4 women; 2 of the 3 "yes" people are women.
        var women = Regex.Match(html, "<tr data-row=\"female\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<td class=\"num\" data-col=\"yes\">2<br><small class=\"muted\" title=\"% of the row\">50.0 %</small><br><small class=\"muted\" title=\"% of the column\">66.7 %</small></td>", women);
        Assert.Contains("<td class=\"num\" data-col=\"unknown\">1<br>", women);
    }

    private static string Row(string html, string key) =>
        Regex.Match(html, $"<tr data-key=\"{Regex.Escape(key)}\">(.*?)</tr>", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException($"No row '{key}' in the report.");

    private static string GenderRow(string html, string gender) =>
        Regex.Match(html, $"<tr data-gender=\"{gender}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    private static string[] Cells(string row) => NumberCell().Matches(row).Select(m => m.Groups[1].Value.Trim()).ToArray();

    [GeneratedRegex("<td class=\"num\"[^>]*>([^<]*)</td>")]
    private static partial Regex NumberCell();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
