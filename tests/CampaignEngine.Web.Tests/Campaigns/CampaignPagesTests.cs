using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Security;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class CampaignPagesTestsOnSqlite() : CampaignPagesTests(TestHost.Sqlite);

public sealed class CampaignPagesTestsOnPostgreSql() : CampaignPagesTests(TestHost.PostgreSql);

/// <summary>An officer's campaign form and launch through the pages: every mistake at once, a chosen module, a confirmed send.</summary>
public abstract partial class CampaignPagesTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task New_campaign_without_a_module_asks_which_module_instead_of_taking_the_first()
    {
        var oblast = await Security.Users.SignInAsync(_host, "oblast-choose", "oblast", "KG-Y");

        var page = await oblast.GetStringAsync("/campaigns/new?lang=en");

        Assert.Contains("href=\"/campaigns/new?module=issyk-kul\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("module=naryn", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Name\"", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_form_with_a_bad_window_a_bad_quiet_date_and_no_name_shows_every_error_beside_its_field_and_saves_nothing()
    {
        var (_, response) = await PostNewCampaignAsync("officer-form", new()
        {
            ["ModuleId"] = "issyk-kul", ["Name"] = "", ["PublicTitleKy"] = "Көлдү тазалайлы", ["Channels"] = "email",
            ["WindowFrom"] = "25:99", ["WindowTo"] = "20:00", ["QuietDates"] = "2027-02-30 2027-03-21",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("A campaign needs a name.", page, StringComparison.Ordinal);
        Assert.Contains("&#x27;25:99&#x27; is not a time of day", page, StringComparison.Ordinal);
        Assert.Contains("&#x27;2027-02-30&#x27; is not a date", page, StringComparison.Ordinal);
        Assert.Equal(3, FieldErrors().Count(page));
        Assert.Contains("id=\"WindowFrom\" name=\"WindowFrom\" value=\"25:99\"", page, StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign"));
    }

    [SkippableFact]
    public async Task The_api_names_every_faulty_field_at_once()
    {
        var api = _host.AdminClient();

        var response = await api.PostAsJsonAsync("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "", window = new { from = "25:99", to = "20:00" }, quietDates = new[] { "someday" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"name\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"window.from\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"quietDates\"", problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_officer_sets_the_order_in_which_channels_are_tried()
    {
        var (_, response) = await PostNewCampaignAsync("officer-order", new()
        {
            ["ModuleId"] = "issyk-kul", ["Name"] = "Order", ["PublicTitleRu"] = "Порядок", ["Channels"] = "email", ["Channels "] = "sms", ["Channels  "] = "telegram",
            ["ChannelOrder[email]"] = "3", ["ChannelOrder[sms]"] = "1", ["ChannelOrder[telegram]"] = "2",
            ["WindowFrom"] = "10:00", ["WindowTo"] = "20:00",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var channels = await _host.AdminClient().GetStringAsync($"/api/campaigns/{IdOf(response)}");
        Assert.Contains("\"channels\":[\"sms\",\"telegram\",\"email\"]", channels, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Launch_says_how_many_people_it_reaches_and_sends_only_after_a_second_confirmed_press()
    {
        TestCompatriots.Insert(_host, new TestCompatriot("Айгүл Сатыбалдиева", "female", "KG-Y", "AE", Email: "aigul@example.org", Channels: "email"));
        TestCompatriots.Insert(_host, new TestCompatriot("Бакыт Осмонов", "male", "KG-Y", "AE", Phone: null, Email: null, Channels: ""));
        var (officer, created) = await PostNewCampaignAsync("officer-launch", new()
        {
            ["ModuleId"] = "issyk-kul", ["Name"] = "Launch", ["PublicTitleKy"] = "Көлдү тазалайлы", ["Channels"] = "email", ["Countries"] = "AE", ["WindowFrom"] = "00:00", ["WindowTo"] = "24:00",
        });
        var id = IdOf(created);
        var details = await officer.GetStringAsync($"/campaigns/{id}?lang=en");
        Assert.Contains("Send to 1 people (1 cannot be reached)", details, StringComparison.Ordinal);

        var first = await officer.PostAsync($"/campaigns/{id}/launch", Form(details, new() { ["when"] = "now" }));
        var confirmation = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("id=\"confirm-launch\"", confirmation, StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM send_message WHERE campaign_id = @id", new { id }));

        var second = await officer.PostAsync($"/campaigns/{id}/launch", Form(confirmation, new() { ["when"] = "now", ["confirmed"] = "true" }));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM send_message WHERE campaign_id = @id", new { id }));
    }

    /// <summary>An officer signed in through the page fills in the Issyk-Kul campaign form and sends it.</summary>
    private async Task<(HttpClient Officer, HttpResponseMessage Response)> PostNewCampaignAsync(string login, Dictionary<string, string> fields)
    {
        var officer = await Security.Users.SignInAsync(_host, login, "officer");
        var form = await officer.GetStringAsync("/campaigns/new?module=issyk-kul&lang=en");
        return (officer, await officer.PostAsync("/campaigns/new", Form(form, fields)));
    }

    /// <summary>Form fields with the page's anti-forgery token; keys differing only in trailing spaces repeat a field.</summary>
    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key.TrimEnd(), f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", Security.Users.Token(page))));

    private static long IdOf(HttpResponseMessage created) =>
        long.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);

    [GeneratedRegex("<p class=\"field-error\">")]
    private static partial Regex FieldErrors();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
