using System.Globalization;
using System.Net;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class ProjectOfferTestsOnSqlite() : ProjectOfferTests(TestHost.Sqlite);

public sealed class ProjectOfferTestsOnPostgreSql() : ProjectOfferTests(TestHost.PostgreSql);

/// <summary>
/// A visitor without a link leaves an offer on a project's public page: what they give, who they are, how to reach them,
/// and the consent to be contacted about it. It waits for staff apart from pledges and counts nowhere public until
/// confirmed; confirming makes one confirmed pledge however often it is pressed; deciding erases the contact.
/// </summary>
public abstract class ProjectOfferTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    private static Dictionary<string, string> GoodOffer(string amount = "12,50") => new()
    {
        ["Amount"] = amount, ["Currency"] = "EUR", ["FullName"] = "Гүлнара Асанова", ["Phone"] = "+7 916 123-45-67",
        ["Email"] = "", ["Country"] = "RU", ["HomeRegion"] = "KG-N", ["ContactConsent"] = "true", ["Website"] = "",
    };

    [SkippableFact]
    public async Task A_stranger_offers_12_50_euros_in_Kyrgyz_and_reads_it_back_with_what_happens_next()
    {
        var project = await ProjectAsync();
        var (response, page) = await OfferAsync(project, "ky", GoodOffer());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("12,50 EUR", page, StringComparison.Ordinal);
        Assert.Contains("Таза суу", page, StringComparison.Ordinal);
        Assert.Contains("+79161234567", page, StringComparison.Ordinal);
        Assert.Contains("id=\"no-money-yet\"", page, StringComparison.Ordinal);
        Assert.Contains("Ага чейин акча жөнөтпөңүз", page, StringComparison.Ordinal);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge_offer WHERE amount = 12.5 AND currency = 'EUR' AND phone = '+79161234567' AND language = 'ky' AND status = 'waiting'"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM pledge"));
    }

    [SkippableTheory]
    [InlineData("FullName", "", "fullName", "offer.error.fullName")]
    [InlineData("FullName", "Имя\u0007", "fullName", "offer.error.fullName")]
    [InlineData("Phone", "12", "phone", "offer.error.phone")]
    [InlineData("Email", "not-an-address", "email", "offer.error.email")]
    [InlineData("Country", "XX", "country", "offer.error.country")]
    [InlineData("HomeRegion", "KG-Q", "homeRegion", "offer.error.homeRegion")]
    [InlineData("ContactConsent", "false", "contactConsent", "offer.error.consent")]
    [InlineData("Amount", "1,250", "amount", "amount.error.ambiguous")]
    [InlineData("Amount", "abc", "amount", "amount.error.notANumber")]
    public async Task Each_bad_field_is_refused_beside_it_and_nothing_is_stored(string field, string value, string errorField, string key)
    {
        var project = await ProjectAsync();
        var form = GoodOffer();
        form[field] = value;
        var (response, page) = await OfferAsync(project, field == "Amount" ? "ru" : "en", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"id=\"{errorField}-error\"", page, StringComparison.Ordinal);
        Assert.Contains(Text(field == "Amount" ? "ru" : "en", key), WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM pledge_offer"));
    }

    [SkippableFact]
    public async Task Without_a_phone_or_an_email_the_offer_is_refused_and_every_field_error_shows_at_once()
    {
        var project = await ProjectAsync();
        var form = GoodOffer();
        form["Phone"] = "";
        form["FullName"] = "";
        form.Remove("ContactConsent");
        var (response, page) = await OfferAsync(project, "ru", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var id in new[] { "contact-error", "fullName-error", "contactConsent-error" }) Assert.Contains($"id=\"{id}\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"12,50\"", page, StringComparison.Ordinal);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM pledge_offer"));
    }

    [SkippableFact]
    public async Task A_robot_that_fills_the_trap_field_is_thanked_and_nothing_is_stored()
    {
        var project = await ProjectAsync();
        var form = GoodOffer();
        form["Website"] = "http://spam.example";
        var (response, page) = await OfferAsync(project, "en", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Text("en", "proj.offer.thanksTitle"), page, StringComparison.Ordinal);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM pledge_offer"));
    }

    [SkippableFact]
    public async Task Past_the_hourly_bound_for_one_address_the_page_answers_429_readably_and_stores_nothing()
    {
        _host.Settings["RateLimits:OffersPerHour"] = "2";
        var project = await ProjectAsync();
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await OfferAsync(project, "ru", GoodOffer())).Response.StatusCode);
        var (response, page) = await OfferAsync(project, "ru", GoodOffer());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("id=\"form-errors\"", page, StringComparison.Ordinal);
        Assert.Contains("Попробуйте ещё раз через", page, StringComparison.Ordinal);
        Assert.Equal(2, Scalar("SELECT COUNT(*) FROM pledge_offer"));
    }

    [SkippableFact]
    public async Task An_offer_for_a_project_that_does_not_exist_is_not_found()
    {
        var project = await ProjectAsync();
        var visitor = Visitor();
        var page = await visitor.GetStringAsync($"/projects/{project}?lang=en");
        var form = GoodOffer();
        form["__RequestVerificationToken"] = ProjectTestKit.Token(page);
        var response = await visitor.PostAsync("/projects/999999/offer?lang=en", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM pledge_offer"));
    }

    [SkippableFact]
    public async Task An_offer_counts_nowhere_public_until_confirmed_and_counts_once_after()
    {
        var project = await ProjectAsync();
        await OfferAsync(project, "en", GoodOffer("1000"), euros: false);
        var offer = Scalar("SELECT id FROM pledge_offer");

        var before = await _host.CreateClient().GetStringAsync($"/projects/{project}?lang=en");
        Assert.Contains("id=\"confirmed-usd\">0 USD", before, StringComparison.Ordinal);
        Assert.Contains("id=\"promised-usd\">0 USD", before, StringComparison.Ordinal);
        Assert.Equal(0, (long)(await _host.AdminClient().GetJson("/api/reports/pledges?by=gender"))["rows"]!.AsArray().Sum(r => (long)r!["count"]!));

        var officer = await OfficerAsync("offers-officer", Roles.Officer);
        var details = await officer.GetStringAsync($"/pledges/offers/{offer}");
        Assert.Contains("+79161234567", WebUtility.HtmlDecode(details), StringComparison.Ordinal);
        var confirm = await officer.PostAsync($"/pledges/offers/{offer}/confirm", Form(details, new() { ["NewPerson"] = "true", ["FullName"] = "Гүлнара Асанова", ["Country"] = "RU", ["HomeRegion"] = "KG-N" }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);

        var after = await _host.CreateClient().GetStringAsync($"/projects/{project}?lang=en");
        Assert.Contains("id=\"confirmed-usd\">1,000 USD", after, StringComparison.Ordinal);
        Assert.Equal(1, (long)(await _host.AdminClient().GetJson("/api/reports/pledges?by=gender"))["rows"]!.AsArray().Sum(r => (long)r!["count"]!));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge WHERE status = 'confirmed' AND project_id = @project AND amount = 1000 AND currency = 'USD'", new { project }));
    }

    [SkippableFact]
    public async Task Confirming_twice_makes_one_pledge_one_person_and_one_audit_entry_and_erases_the_contact()
    {
        var project = await ProjectAsync();
        await OfferAsync(project, "ky", GoodOffer());
        var offer = Scalar("SELECT id FROM pledge_offer");
        var officer = await OfficerAsync("offers-officer", Roles.Officer);
        var details = await officer.GetStringAsync($"/pledges/offers/{offer}");
        var fields = new Dictionary<string, string> { ["NewPerson"] = "true", ["FullName"] = "Гүлнара Асанова", ["Country"] = "RU", ["HomeRegion"] = "KG-N" };

        var first = await officer.PostAsync($"/pledges/offers/{offer}/confirm", Form(details, fields));
        var second = await officer.PostAsync($"/pledges/offers/{offer}/confirm", Form(details, fields));

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge WHERE status = 'confirmed' AND amount = 12.5 AND currency = 'EUR'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM directory_compatriot WHERE phone = '+79161234567' AND consent_whatsapp = 0 AND consent_sms = 0 AND consent_email = 0 AND consent_telegram = 0"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'pledge.offer.confirm'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge_offer WHERE status = 'confirmed' AND full_name IS NULL AND phone IS NULL AND email IS NULL AND pledge_id IS NOT NULL"));
    }

    [SkippableFact]
    public async Task Confirming_for_a_person_already_in_the_directory_with_that_phone_adds_nobody()
    {
        var project = await ProjectAsync();
        var known = TestCompatriots.Insert(_host, new("Гүлнара Асанова", "female", "KG-N", "RU", Phone: "+79161234567"));
        await OfferAsync(project, "ru", GoodOffer());
        var offer = Scalar("SELECT id FROM pledge_offer");
        var officer = await OfficerAsync("offers-officer", Roles.Officer);
        var details = await officer.GetStringAsync($"/pledges/offers/{offer}");
        Assert.Contains($"name=\"CompatriotId\" value=\"{known}\"", details, StringComparison.Ordinal);

        var confirm = await officer.PostAsync($"/pledges/offers/{offer}/confirm", Form(details, new() { ["CompatriotId"] = known.ToString(CultureInfo.InvariantCulture) }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM directory_compatriot"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge WHERE compatriot_id = @known AND gender = 'female' AND status = 'confirmed'", new { known }));
    }

    [SkippableFact]
    public async Task An_officer_finds_the_person_by_name_with_the_picker_when_the_offer_gave_another_phone()
    {
        var project = await ProjectAsync();
        var known = TestCompatriots.Insert(_host, new("Гүлнара Асанова", "female", "KG-N", "RU", Phone: "+79990001122"));
        await OfferAsync(project, "ru", GoodOffer());
        var offer = Scalar("SELECT id FROM pledge_offer");
        var officer = await OfficerAsync("offers-officer", Roles.Officer);

        var search = await officer.GetStringAsync($"/pledges/offers/{offer}?find=Асанова");
        Assert.Contains($"name=\"CompatriotId\" value=\"{known}\" form=\"offer-existing\"", search, StringComparison.Ordinal);
        var confirm = await officer.PostAsync($"/pledges/offers/{offer}/confirm", Form(search, new() { ["CompatriotId"] = known.ToString(CultureInfo.InvariantCulture) }));

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge WHERE compatriot_id = @known AND status = 'confirmed'", new { known }));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM directory_compatriot"));
    }

    [SkippableFact]
    public async Task Dropping_needs_a_reason_then_erases_the_contact_and_is_audited()
    {
        var project = await ProjectAsync();
        var form = GoodOffer();
        form["Email"] = "gulnara@example.org";
        form["Goods"] = "";
        await OfferAsync(project, "en", form);
        var offer = Scalar("SELECT id FROM pledge_offer");
        var officer = await OfficerAsync("offers-officer", Roles.Officer);
        var details = await officer.GetStringAsync($"/pledges/offers/{offer}");

        var blank = await officer.PostAsync($"/pledges/offers/{offer}/drop", Form(details, new() { ["reason"] = " " }));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("id=\"reason-error\"", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge_offer WHERE status = 'waiting' AND email = 'gulnara@example.org'"));

        var drop = await officer.PostAsync($"/pledges/offers/{offer}/drop", Form(details, new() { ["reason"] = "Could not be reached" }));
        Assert.Equal(HttpStatusCode.Redirect, drop.StatusCode);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge_offer WHERE status = 'dropped' AND drop_reason = 'Could not be reached' AND full_name IS NULL AND phone IS NULL AND email IS NULL AND country IS NULL"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'pledge.offer.drop'"));
        var page = await officer.GetStringAsync($"/pledges/offers/{offer}");
        Assert.DoesNotContain("gulnara@example.org", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Гүлнара", page, StringComparison.Ordinal);
        var confirmDropped = await officer.PostAsync($"/pledges/offers/{offer}/confirm", Form(page, new() { ["NewPerson"] = "true", ["FullName"] = "X", ["Country"] = "RU" }));
        Assert.Equal(HttpStatusCode.Conflict, confirmDropped.StatusCode);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM pledge"));
    }

    [SkippableFact]
    public async Task An_oblast_user_of_another_region_neither_sees_nor_confirms_nor_drops_the_offer_while_the_projects_region_does()
    {
        var project = await ProjectAsync();   // a Naryn project
        await OfferAsync(project, "ru", GoodOffer());
        var offer = Scalar("SELECT id FROM pledge_offer");
        var naryn = await OfficerAsync("offers-naryn", Roles.Oblast, "KG-N");
        var talas = await OfficerAsync("offers-talas", Roles.Oblast, "KG-T");

        var list = await talas.GetStringAsync("/pledges/offers");
        Assert.DoesNotContain("Гүлнара", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await talas.GetAsync($"/pledges/offers/{offer}")).StatusCode);
        var own = await talas.GetStringAsync("/pledges/offers");
        Assert.Equal(HttpStatusCode.NotFound, (await talas.PostAsync($"/pledges/offers/{offer}/confirm", Form(own, new() { ["NewPerson"] = "true", ["FullName"] = "X", ["Country"] = "RU", ["HomeRegion"] = "KG-T" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await talas.PostAsync($"/pledges/offers/{offer}/drop", Form(own, new() { ["reason"] = "mine now" }))).StatusCode);
        Assert.DoesNotContain("id=\"waiting-offers\"", await talas.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM pledge_offer WHERE status = 'waiting' AND phone IS NOT NULL"));

        Assert.Contains("id=\"waiting-offers\"", await naryn.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("Гүлнара", await naryn.GetStringAsync("/pledges/offers"), StringComparison.Ordinal);
        var details = await naryn.GetStringAsync($"/pledges/offers/{offer}");
        var elsewhere = await naryn.PostAsync($"/pledges/offers/{offer}/confirm", Form(details, new() { ["NewPerson"] = "true", ["FullName"] = "Гүлнара", ["Country"] = "RU", ["HomeRegion"] = "KG-T" }));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("id=\"homeRegion-error\"", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var confirm = await naryn.PostAsync($"/pledges/offers/{offer}/confirm", Form(details, new() { ["NewPerson"] = "true", ["FullName"] = "Гүлнара", ["Country"] = "RU", ["HomeRegion"] = "KG-N" }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await naryn.GetAsync(confirm.Headers.Location!.ToString())).StatusCode);
    }

    [SkippableFact]
    public async Task Erasing_the_person_an_offer_was_confirmed_for_exports_and_erases_the_offer_too()
    {
        var project = await ProjectAsync();
        var form = GoodOffer();
        form["Amount"] = "";
        form["Goods"] = "Sacks of cement from Гүлнара";
        await OfferAsync(project, "en", form);
        var offer = Scalar("SELECT id FROM pledge_offer");
        var officer = await OfficerAsync("offers-officer", Roles.Officer);
        var details = await officer.GetStringAsync($"/pledges/offers/{offer}");
        await officer.PostAsync($"/pledges/offers/{offer}/confirm", Form(details, new() { ["NewPerson"] = "true", ["FullName"] = "Гүлнара Асанова", ["Country"] = "RU" }));
        var person = Scalar("SELECT compatriot_id FROM pledge_offer");

        var export = await _host.AdminClient().GetJson($"/api/compatriots/{person}/export");
        Assert.Equal(offer, (long)export["offers"]![0]!["id"]!);
        Assert.True((await _host.AdminClient().DeleteAsync($"/api/compatriots/{person}")).IsSuccessStatusCode);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM pledge_offer WHERE full_name IS NOT NULL OR phone IS NOT NULL OR description IS NOT NULL"));
    }

    [SkippableFact]
    public async Task The_offer_form_speaks_the_readers_language_and_names_the_consent_to_this_offer_only()
    {
        var project = await ProjectAsync();
        foreach (var lang in new[] { "ky", "ru", "en" })
        {
            var page = await _host.CreateClient().GetStringAsync($"/projects/{project}?lang={lang}");
            Assert.Contains($"action=\"/projects/{project}/offer?lang={lang}\"", page, StringComparison.Ordinal);
            Assert.Contains(Text(lang, "proj.offer.consent"), WebUtility.HtmlDecode(page), StringComparison.Ordinal);
            Assert.Contains("name=\"Website\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static readonly UiText Texts = new();

    private static string Text(string lang, string key) => Texts.Get(lang, key);

    private HttpClient Visitor() => _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<(HttpResponseMessage Response, string Page)> OfferAsync(long project, string lang, Dictionary<string, string> form, bool euros = true)
    {
        var visitor = Visitor();
        var page = await visitor.GetStringAsync($"/projects/{project}?lang={lang}");
        var fields = new Dictionary<string, string>(form) { ["__RequestVerificationToken"] = ProjectTestKit.Token(page) };
        if (!euros) fields["Currency"] = "USD";
        var response = await visitor.PostAsync($"/projects/{project}/offer?lang={lang}", new FormUrlEncodedContent(fields));
        return (response, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private async Task<HttpClient> OfficerAsync(string login, string role, string? region = null)
    {
        ProjectTestKit.CreateUser(_host, login, role, region);
        return await ProjectTestKit.SignInAsync(_host, login);
    }

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields) =>
        new(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = ProjectTestKit.Token(page) });

    private async Task<long> ProjectAsync() => (long)(await _host.AdminClient().PostJson("/api/projects", new
    {
        region = "KG-N", budget = 100_000, currency = "USD", title = new { ky = "Таза суу", ru = "Чистая вода", en = "Clean water" },
    }, HttpStatusCode.Created))["id"]!;

    private long Scalar(string sql, object? parameters = null) => ProjectTestKit.Scalar(_host, sql, parameters);

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
