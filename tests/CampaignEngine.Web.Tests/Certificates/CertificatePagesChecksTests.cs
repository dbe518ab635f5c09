using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>Issue 14, item 6, through the pages: what an issuer is warned of, asked to confirm and told afterwards.</summary>
public abstract partial class CertificatePagesTests
{
    [SkippableFact]
    public async Task Issue_form_shows_an_existing_certificate_for_the_same_reason_and_issues_only_when_confirmed()
    {
        CertificateTestData.CreateUser(_host, "bakyt-dup", "oblast", "KG-Y");
        var holder = CertificateTestData.InsertCompatriot(_host, "Алтынай Мамытова", homeRegion: "KG-Y");
        var browser = await SignInAsync("bakyt-dup");
        var first = await IssueFromPageAsync(browser, holder, deliver: false);

        var page = await browser.GetStringAsync("/certificates?lang=ru");
        var again = await browser.PostAsync("/certificates", Form(page, IssueFields(holder, "мектепке  ЖАРДАМЫ үчүн.")));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var check = await again.Content.ReadAsStringAsync();
        Assert.Contains("id=\"issue-check\"", check);
        Assert.Contains($"href=\"/certificates/{first}\"", check);
        Assert.Contains("Всё равно выдать", check);
        Assert.Equal(1, CountFor(holder));

        var confirmed = await browser.PostAsync("/certificates", Form(check, [.. IssueFields(holder, "мектепке  ЖАРДАМЫ үчүн."), ("Confirmed", "true")]));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(2, CountFor(holder));
        var second = SerialInPath().Match(confirmed.Headers.Location!.ToString()).Groups[1].Value;
        var done = await browser.GetStringAsync(confirmed.Headers.Location!.ToString() + "&lang=en");
        Assert.Contains("data-done=\"issued\"", done);
        Assert.Contains($"Certificate {second} has been issued.", done);
    }

    [SkippableFact]
    public async Task Issue_form_warns_of_a_reason_in_another_language_than_the_paper_and_issues_when_confirmed()
    {
        CertificateTestData.CreateUser(_host, "bakyt-lang", "oblast", "KG-Y");
        var holder = CertificateTestData.InsertCompatriot(_host, "Жаныл Токтосунова", homeRegion: "KG-Y", language: "ky");
        var browser = await SignInAsync("bakyt-lang");
        var page = await browser.GetStringAsync("/certificates?lang=en");

        var latin = await browser.PostAsync("/certificates", Form(page, IssueFields(holder, "For helping the village school")));
        Assert.Equal(HttpStatusCode.OK, latin.StatusCode);
        var warned = await latin.Content.ReadAsStringAsync();
        Assert.Contains("class=\"warning language-warning\"", warned);
        Assert.Matches("Text: <b>English</b> · Certificate: <b>Kyrgyz</b>", warned);
        Assert.Equal(0, CountFor(holder));

        // Russian typed for a Kyrgyz paper is caught too, from its words, though both are Cyrillic.
        var russian = await browser.PostAsync("/certificates", Form(page, IssueFields(holder, "За помощь сельской школе в ремонте")));
        Assert.Matches("Text: <b>Russian</b> · Certificate: <b>Kyrgyz</b>", await russian.Content.ReadAsStringAsync());

        var anyway = await browser.PostAsync("/certificates", Form(warned, [.. IssueFields(holder, "For helping the village school"), ("Confirmed", "true")]));
        Assert.Equal(HttpStatusCode.Redirect, anyway.StatusCode);
        Assert.Equal(1, CountFor(holder));
    }

    [SkippableFact]
    public async Task Issue_form_marks_every_faulty_field_at_once_beside_it()
    {
        CertificateTestData.CreateUser(_host, "officer-faults", "officer", null);
        var browser = await SignInAsync("officer-faults");
        var page = await browser.GetStringAsync("/certificates?lang=en");

        var response = await browser.PostAsync("/certificates", Form(page, ("CompatriotId", ""), ("ModuleId", "issyk-kul"), ("Kind", "medal"), ("Language", ""), ("Reason", " ")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // The person is chosen with the picker, which marks itself; the list above names every fault.
        Assert.Contains("id=\"CompatriotId-error\"", html);
        Assert.Contains("Choose the compatriot who receives the certificate.", html);
        Assert.Contains("id=\"kind-error\"", html);
        Assert.Contains("id=\"reason-error\"", html);
        Assert.Equal(2, Regex.Count(html, "aria-invalid=\"true\""));
    }

    [SkippableFact]
    public async Task Revoking_asks_first_and_says_the_reason_is_published_then_tells_what_happened()
    {
        CertificateTestData.CreateUser(_host, "bakyt-revoke", "oblast", "KG-Y");
        var holder = CertificateTestData.InsertCompatriot(_host, "Мирбек Асанов", homeRegion: "KG-Y");
        var browser = await SignInAsync("bakyt-revoke");
        var serial = await IssueFromPageAsync(browser, holder, deliver: false);
        var detail = await browser.GetStringAsync($"/certificates/{serial}?lang=en");
        Assert.Contains("The reason is published", detail);

        var empty = await browser.PostAsync($"/certificates/{serial}/revoke", Form(detail, ("reason", "  ")));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Give the reason for revoking; it is shown publicly", await empty.Content.ReadAsStringAsync());

        var first = await browser.PostAsync($"/certificates/{serial}/revoke", Form(detail, ("reason", "Issued to the wrong person")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var ask = await first.Content.ReadAsStringAsync();
        Assert.Contains("id=\"confirm-revoke\"", ask);
        Assert.Contains("public verification page", ask);
        Assert.Contains("Issued to the wrong person", ask);
        Assert.Contains("data-status=\"valid\"", await _host.CreateClient().GetStringAsync($"/verify/{serial}"));

        var confirmed = await browser.PostAsync($"/certificates/{serial}/revoke", Form(ask, ("reason", "Issued to the wrong person"), ("confirmed", "true")));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var done = await browser.GetStringAsync(confirmed.Headers.Location!.ToString() + "&lang=en");
        Assert.Contains($"Certificate {serial} has been revoked.", done);
        Assert.Contains("Issued to the wrong person", await _host.CreateClient().GetStringAsync($"/verify/{serial}"));

        // A replayed address claims nothing the record does not bear out.
        var other = await IssueFromPageAsync(browser, CertificateTestData.InsertCompatriot(_host, "Сапар Исаков", homeRegion: "KG-Y"), deliver: false);
        Assert.DoesNotContain("data-done", await browser.GetStringAsync($"/certificates/{other}?revoked=true"));
    }

    [SkippableFact]
    public async Task Reissue_ends_in_a_message_with_the_new_serial_and_the_old_papers_pages_link_to_it()
    {
        CertificateTestData.CreateUser(_host, "bakyt-reissue", "oblast", "KG-Y");
        var holder = CertificateTestData.InsertCompatriot(_host, "Айбек Жээнбеков", homeRegion: "KG-Y");
        var browser = await SignInAsync("bakyt-reissue");
        var serial = await IssueFromPageAsync(browser, holder, deliver: true);
        var token = TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate_delivery WHERE serial = @serial", new { serial });
        Assert.Equal(1, token);
        var holderToken = HolderToken(serial);
        var detail = await browser.GetStringAsync($"/certificates/{serial}?lang=en");

        var reissue = await browser.PostAsync($"/certificates/{serial}/reissue", Form(detail, ("holderName", "Айбек Жээнбеков уулу"), ("reason", "Мектепке жардамы үчүн"), ("language", "ky")));
        Assert.Equal(HttpStatusCode.Redirect, reissue.StatusCode);
        var newSerial = SerialInPath().Match(reissue.Headers.Location!.ToString()).Groups[1].Value;
        var done = await browser.GetStringAsync(reissue.Headers.Location!.ToString() + "&lang=en");
        Assert.Contains($"New certificate {newSerial} has been issued in place of {serial}", done);
        Assert.Contains($"href=\"/verify/{newSerial}\"", done);

        var holderPage = await _host.CreateClient().GetStringAsync($"/c/{holderToken}?lang=en");
        Assert.Contains("This certificate has been replaced by a newer one:", holderPage);
        Assert.Matches($"id=\"successor\">{newSerial}<", holderPage);
        Assert.Contains($"/verify/{newSerial}?", holderPage); // with the proof, as no holder link to the new paper exists yet
        var verify = await _host.CreateClient().GetStringAsync($"/verify/{serial}?lang=en");
        Assert.Contains($"href=\"/verify/{newSerial}\" id=\"successor\"", verify);
    }

    [SkippableFact]
    public async Task Reissue_form_marks_every_faulty_field_and_keeps_what_was_typed()
    {
        CertificateTestData.CreateUser(_host, "bakyt-reissue-bad", "oblast", "KG-Y");
        var browser = await SignInAsync("bakyt-reissue-bad");
        var serial = await IssueFromPageAsync(browser, CertificateTestData.InsertCompatriot(_host, "Гүлзат Бекова", homeRegion: "KG-Y"), deliver: false);
        var detail = await browser.GetStringAsync($"/certificates/{serial}?lang=en");

        var bad = await browser.PostAsync($"/certificates/{serial}/reissue", Form(detail, ("holderName", " "), ("reason", new string('ж', 700)), ("language", "de")));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"holderName-error\"", html);
        Assert.Contains("id=\"reason-error\"", html);
        Assert.Contains("id=\"language-error\"", html);
        Assert.Contains(new string('ж', 700), html);
    }

    [SkippableFact]
    public async Task Issuer_form_marks_every_faulty_field_at_once_in_inputs_that_fit_their_text()
    {
        CertificateTestData.CreateUser(_host, "naryn-admin", "oblast", "KG-N");
        var browser = await SignInAsync("naryn-admin");
        var page = await browser.GetStringAsync("/certificates/issuer/naryn?lang=en");
        Assert.Matches("<input id=\"nameKy\" name=\"NameKy\" type=\"text\"", page);
        Assert.Matches("<textarea id=\"titleRu\"", page);

        var bad = await browser.PostAsync("/certificates/issuer/naryn", Form(page,
            ("NameKy", ""), ("NameRu", "Нарынская областная администрация"), ("NameEn", new string('N', 201)),
            ("TitleKy", "Өкүл"), ("TitleRu", ""), ("TitleEn", "Representative"), ("SignatoryName", ""),
            ("EmblemSvg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>")));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        foreach (var id in new[] { "name-error", "signatoryTitle-error", "signatoryName-error", "emblemSvg-error" }) Assert.Contains($"id=\"{id}\"", html);
        Assert.Equal(5, Regex.Count(html, "aria-invalid=\"true\""));

        var api = await _host.AdminClient().PutAsJsonAsync("/api/modules/naryn/issuer", new
        {
            name = new { ky = "", ru = "Нарын", en = "Naryn" }, signatoryTitle = new { ky = "Өкүл", ru = "", en = "Rep" }, signatoryName = "",
        });
        var errors = (await api.ReadNode())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["name.ky", "signatoryName", "signatoryTitle.ru"], errors);
    }

    private (string, string)[] IssueFields(long holder, string reason) =>
        [("CompatriotId", holder.ToString(CultureInfo.InvariantCulture)), ("ModuleId", "issyk-kul"), ("Kind", "gratitude"), ("Language", ""), ("Reason", reason)];

    private long CountFor(long holder) =>
        TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate WHERE compatriot_id = @holder", new { holder });

    private string HolderToken(string serial)
    {
        using var connection = _host.OpenDatabase();
        return connection.ExecuteScalar<string>("SELECT token FROM certificate_delivery WHERE serial = @serial", new { serial })!;
    }
}
