using System.Globalization;
using System.Net;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Pledges;

public sealed class PledgeFormTestsOnSqlite() : PledgeFormTests(TestHost.Sqlite);

public sealed class PledgeFormTestsOnPostgreSql() : PledgeFormTests(TestHost.PostgreSql);

/// <summary>
/// The compatriot's pledge form, read as its reader wrote it: "12,50" on a Kyrgyz page is twelve and a half, hours
/// typed without first choosing "time" are hours, every bad field hears its own reason, the thank-you page repeats
/// what was understood, and a second visit shows what was pledged instead of a blank form.
/// </summary>
public abstract class PledgeFormTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);
    private readonly UiText _texts = new();

    [SkippableFact]
    public async Task A_decimal_comma_on_a_Kyrgyz_page_is_twelve_and_a_half_and_the_thank_you_page_repeats_it()
    {
        var (visitor, token, landing) = await OpenLinkAsync("ky");

        // The kind-of-help list beside the hours is always posted; it does not make the money a training.
        var posted = await Post(visitor, token, "ky", landing, ("Amount", "12,50"), ("Currency", "EUR"), ("ContributionType", "training"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(12.5m, Amount("SELECT amount FROM pledge"));
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE kind = 'money' AND currency = 'EUR' AND contribution_type IS NULL"));
        var thanks = await visitor.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("<strong class=\"pledged-what\">12,50 EUR</strong>", thanks, StringComparison.Ordinal);
        Assert.Contains(Html(_texts.Get("ky", "pub.next.change")), thanks, StringComparison.Ordinal);
        Assert.Contains(Html(_texts.Get("ky", "pub.next.money")), thanks, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("ru", "1,250", "amount.error.ambiguous")]
    [InlineData("en", "1.250", "amount.error.ambiguous")]
    [InlineData("ru", "1,250.50", "amount.error.twoDecimalMarks")]
    [InlineData("ky", "12,555", "amount.error.ambiguous")]
    [InlineData("en", "12.5055", "amount.error.tooManyDecimals")]
    [InlineData("ru", "сто", "amount.error.notANumber")]
    [InlineData("ru", "-5", "amount.error.notPositive")]
    [InlineData("en", "0", "amount.error.notPositive")]
    [InlineData("en", "2,000,000", "amount.error.tooLarge")]
    public async Task An_amount_that_cannot_be_read_one_way_is_refused_beside_the_field_and_nothing_is_saved(string language, string typed, string key)
    {
        var (visitor, token, landing) = await OpenLinkAsync(language);

        var posted = await Post(visitor, token, language, landing, ("Amount", typed), ("Currency", "USD"));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains($"<p class=\"field-error\" id=\"amount-error\">{Html(_texts.Get(language, key))}</p>", page, StringComparison.Ordinal);
        // The figure stays in the field for the person to correct.
        Assert.Contains($"value=\"{Html(typed)}\"", page, StringComparison.Ordinal);
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge"));
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("money")]
    public async Task Hours_typed_without_choosing_time_make_a_time_pledge(string? kind)
    {
        var (visitor, token, landing) = await OpenLinkAsync("ru");
        var fields = new List<(string, string)> { ("Hours", "2,5"), ("Currency", "USD"), ("ContributionType", "consulting") };
        if (kind is not null) fields.Add(("Kind", kind));

        var posted = await Post(visitor, token, "ru", landing, [.. fields]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE kind = 'time' AND amount IS NULL AND contribution_type = 'consulting'"));
        Assert.Equal(2.5m, Amount("SELECT hours FROM pledge"));
        var thanks = await visitor.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("2,5 ч", thanks, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("hours", "hours.error.notANumber", "Hours", "восемь")]
    [InlineData("hours", "hours.error.notPositive", "Hours", "0")]
    [InlineData("hours", "hours.error.tooLarge", "Hours", "5000")]
    [InlineData("hours", "hours.error.tooManyDecimals", "Hours", "1,2555")]
    [InlineData("kind", "pledge.error.several", "Amount", "100", "Hours", "4")]
    [InlineData("kind", "pledge.error.several", "Hours", "4", "Goods", "Цемент")]
    [InlineData("kind", "pledge.error.nothing")]
    [InlineData("amount", "amount.error.empty", "Kind", "money")]
    [InlineData("goods", "goods.error.empty", "Kind", "in_kind")]
    public async Task Each_field_hears_its_own_true_reason(string field, string key, params string[] pairs)
    {
        var (visitor, token, landing) = await OpenLinkAsync("ru");
        var fields = pairs.Chunk(2).Select(p => (p[0], p[1])).Append(("Currency", "USD")).ToArray();

        var posted = await Post(visitor, token, "ru", landing, fields);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var page = await posted.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"{field}-error\">{Html(_texts.Get("ru", key))}<", page, StringComparison.Ordinal);
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge"));
    }

    [SkippableFact]
    public async Task Goods_are_a_pledge_in_kind_with_what_was_written()
    {
        var (visitor, token, landing) = await OpenLinkAsync("ky");

        var posted = await Post(visitor, token, "ky", landing, ("Goods", "10 кап цемент"), ("Currency", "USD"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE kind = 'in_kind' AND description = '10 кап цемент'"));
    }

    [SkippableFact]
    public async Task A_second_visit_shows_what_was_pledged_for_which_project_and_offers_to_pledge_again()
    {
        var admin = _host.AdminClient();
        var project = (long)(await admin.PostJson("/api/projects", new
        {
            region = "KG-N", budget = 100_000, currency = "USD", title = new { ky = "Таза суу", ru = "Чистая вода", en = "Clean water" },
        }, HttpStatusCode.Created))["id"]!;
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var (campaign, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);
        ProjectTestKit.AskFor(_host, campaign, project);
        var token = tokens[person];
        var visitor = Visitor();

        var first = await visitor.GetStringAsync($"/r/{token}?lang=en");
        Assert.DoesNotContain("id=\"your-pledges\"", first, StringComparison.Ordinal);
        // The campaign collects for one project: its form has it chosen.
        Assert.Contains($"value=\"{project}\" checked=\"checked\"", first, StringComparison.Ordinal);
        var posted = await Post(visitor, token, "en", first, ("Amount", "150"), ("Currency", "USD"), ("ProjectId", project.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var second = await visitor.GetStringAsync($"/r/{token}?lang=en");
        Assert.Contains("id=\"your-pledges\"", second, StringComparison.Ordinal);
        Assert.Matches(@"You pledged <strong class=""pledged-what"">150 USD</strong> on \d{1,2} [A-Z][a-z]+ for Clean water\.", second);
        Assert.Contains(Html(_texts.Get("en", "pub.state.pledged")), second, StringComparison.Ordinal);
        Assert.Contains("<details id=\"pledge-again\">", second, StringComparison.Ordinal);
        Assert.DoesNotContain($">{_texts.Get("en", "pub.pledge.title")}</h2>", second, StringComparison.Ordinal);
        var russian = await visitor.GetStringAsync($"/r/{token}?lang=ru");
        Assert.Matches(@"Вы пообещали <strong class=""pledged-what"">150 USD</strong> \d{1,2} [а-я]+ на проект «Чистая вода»\.", russian);

        // Once the link has made its pledges for the day, it says so instead of offering the form.
        for (var i = 0; i < 2; i++)
            await _host.CreateClient().PostJson($"/r/{token}/pledge", new { kind = "time", hours = 2 }, HttpStatusCode.Created);
        var full = await visitor.GetStringAsync($"/r/{token}?lang=en");
        Assert.Contains("id=\"pledge-limit\"", full, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"pledge-again\"", full, StringComparison.Ordinal);
        Assert.Equal(3, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge"));
    }

    [SkippableFact]
    public async Task The_thank_you_page_shows_only_a_pledge_of_its_own_link()
    {
        var (visitor, token, landing) = await OpenLinkAsync("en");
        var other = TestCompatriots.Insert(_host, new("Бакыт Осмонов", "male", "KG-N", "RU"));
        var (_, otherTokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", other);
        var theirs = (long)(await _host.CreateClient().PostJson($"/r/{otherTokens[other]}/pledge", new { kind = "money", amount = 777, currency = "USD" }, HttpStatusCode.Created))["id"]!;

        var thanks = await visitor.GetStringAsync($"/r/{token}/thanks?pledge={theirs}&lang=en");

        // The amount is looked for as the page would print it: a bare "777" can turn up inside the link's random token.
        Assert.DoesNotContain("777 USD", thanks, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"pledged-what\"", thanks, StringComparison.Ordinal);
        Assert.Contains(Html(_texts.Get("en", "pub.thanks.text")), thanks, StringComparison.Ordinal);
        _ = landing;
    }

    [SkippableFact]
    public async Task An_officer_records_a_pledge_and_a_fulfilment_with_sums_read_in_the_pages_language()
    {
        var person = TestCompatriots.Insert(_host, new("Нурлан Токтогулов", "male", "KG-N", "RU"));
        var officer = await SignedInAsync("officer");
        var form = await officer.GetStringAsync("/pledges/new?lang=ru");
        var bad = await officer.PostAsync("/pledges/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(form), ["CompatriotId"] = person.ToString(CultureInfo.InvariantCulture),
            ["Amount"] = "1,250", ["Currency"] = "RUB",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(Html(_texts.Get("ru", "amount.error.ambiguous")), await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge"));

        var good = await officer.PostAsync("/pledges/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(form), ["CompatriotId"] = person.ToString(CultureInfo.InvariantCulture),
            ["Amount"] = "1 250,50", ["Currency"] = "RUB",
        }));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(1250.5m, Amount("SELECT amount FROM pledge"));

        var details = await officer.GetStringAsync(good.Headers.Location!.OriginalString);
        var fulfil = await officer.PostAsync($"{good.Headers.Location!.OriginalString}/fulfilments", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = ProjectTestKit.Token(details), ["Amount"] = "12,50", ["Currency"] = "RUB", ["Evidence"] = "Квитанция 17",
        }));
        Assert.Equal(HttpStatusCode.Redirect, fulfil.StatusCode);
        Assert.Equal(12.5m, Amount("SELECT amount FROM pledge_fulfilment"));
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        ProjectTestKit.CreateUser(_host, role + "-user", role);
        return await ProjectTestKit.SignInAsync(_host, role + "-user");
    }

    private async Task<(HttpClient Visitor, string Token, string Landing)> OpenLinkAsync(string language)
    {
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var (_, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);
        var visitor = Visitor();
        return (visitor, tokens[person], await visitor.GetStringAsync($"/r/{tokens[person]}?lang={language}"));
    }

    private HttpClient Visitor() => _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Task<HttpResponseMessage> Post(HttpClient visitor, string token, string language, string landing, params (string Name, string Value)[] fields) =>
        visitor.PostAsync($"/r/{token}/pledge?lang={language}", new FormUrlEncodedContent(
            fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Prepend(KeyValuePair.Create("__RequestVerificationToken", ProjectTestKit.Token(landing)))));

    private decimal Amount(string sql) => decimal.Parse(Convert.ToString(Single(sql), CultureInfo.InvariantCulture)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private object Single(string sql)
    {
        using var connection = _host.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }

    // As the product encodes pages: every script as it is, markup characters escaped.
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Html(string text) => Encoder.Encode(text);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
