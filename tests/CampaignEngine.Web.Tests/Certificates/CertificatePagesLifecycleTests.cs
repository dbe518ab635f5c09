using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>The rest of Bakyt's round in the pages: reissue a misspelt name, revoke, deliver to the holder, edit the issuer.</summary>
public abstract partial class CertificatePagesTests
{
    [SkippableFact]
    public async Task Oblast_user_reissues_and_revokes_from_the_detail_page()
    {
        CertificateTestData.CreateUser(_host, "bakyt-life", "oblast", "KG-Y");
        var holder = CertificateTestData.InsertCompatriot(_host, "Жылдыз Маматова", homeRegion: "KG-Y");
        var browser = await SignInAsync("bakyt-life");
        var serial = await IssueFromPageAsync(browser, holder, deliver: false);

        var detail = await browser.GetStringAsync($"/certificates/{serial}?lang=ru");
        var reissue = await browser.PostAsync($"/certificates/{serial}/reissue", Form(detail, ("holderName", "Жылдыз Маматовна"), ("reason", "За помощь школе"), ("language", "ru")));
        Assert.Equal(HttpStatusCode.Redirect, reissue.StatusCode);
        var newSerial = SerialInPath().Match(reissue.Headers.Location!.ToString()).Groups[1].Value;
        Assert.NotEqual(serial, newSerial);
        var old = await _host.CreateClient().GetAsync($"/verify/{serial}");
        Assert.True(old.StatusCode == HttpStatusCode.OK, $"{old.StatusCode} {old.Headers.Location}");
        Assert.Contains("data-status=\"superseded\"", await old.Content.ReadAsStringAsync());

        var newDetail = await browser.GetStringAsync($"/certificates/{newSerial}?lang=ru");
        Assert.Contains("Жылдыз Маматовна", newDetail);
        // Revoking publishes its reason, so the first press asks again; the confirmed one revokes.
        var revoke = await browser.PostAsync($"/certificates/{newSerial}/revoke", Form(newDetail, ("reason", "Выдана по ошибке"), ("confirmed", "true")));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        var verify = await _host.CreateClient().GetStringAsync($"/verify/{newSerial}?lang=ru");
        Assert.Contains("data-status=\"revoked\"", verify);
        Assert.Contains("Выдана по ошибке", verify);
    }

    [SkippableFact]
    public async Task Issue_form_offers_delivery_to_the_holder_and_the_detail_page_links_the_delivery_campaign()
    {
        CertificateTestData.CreateUser(_host, "bakyt-deliver", "oblast", "KG-Y");
        var holder = CertificateTestData.InsertCompatriot(_host, "Айпери Садыкова", homeRegion: "KG-Y");
        var browser = await SignInAsync("bakyt-deliver");
        Assert.Contains("name=\"DeliverToHolder\"", await browser.GetStringAsync("/certificates"));
        Assert.Contains("name=\"DeliverToHolders\"", await browser.GetStringAsync("/certificates/bulk"));

        var location = await IssueFromPageAsync(browser, holder, deliver: true, returnLocation: true);
        var campaign = Regex.Match(location, "delivery=([0-9]+)").Groups[1].Value;
        Assert.NotEmpty(campaign);
        Assert.Contains($"/campaigns/{campaign}", await browser.GetStringAsync(location));
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate_delivery WHERE compatriot_id = @holder", new { holder }));
    }

    [SkippableFact]
    public async Task Oblast_user_edits_their_issuer_on_its_page_but_not_another_oblasts()
    {
        CertificateTestData.CreateUser(_host, "talas-admin", "oblast", "KG-T");
        var browser = await SignInAsync("talas-admin");
        var page = await browser.GetStringAsync("/certificates/issuer/talas?lang=en");
        Assert.Contains("Save the issuer", page);
        var fields = new (string, string)[]
        {
            ("NameKy", "Талас облустук администрациясы"), ("NameRu", "Таласская областная администрация"), ("NameEn", "Talas Oblast Administration"),
            ("TitleKy", "Өкүл"), ("TitleRu", "Полпред"), ("TitleEn", "Representative"), ("SignatoryName", "А. Б. Талантбеков"), ("EmblemSvg", ""),
        };
        var saved = await browser.PostAsync("/certificates/issuer/talas", Form(page, fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("А. Б. Талантбеков", await browser.GetStringAsync("/certificates/issuer/talas"));

        var bad = await browser.PostAsync("/certificates/issuer/talas", Form(page, [.. fields.Where(f => f.Item1 != "EmblemSvg"), ("EmblemSvg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>")]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("emblemSvg", await bad.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/certificates/issuer/naryn")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("/certificates/issuer/naryn", Form(page, fields))).StatusCode);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate_issuer_override WHERE module_id = 'naryn'"));
    }

    private async Task<string> IssueFromPageAsync(HttpClient browser, long compatriotId, bool deliver, bool returnLocation = false)
    {
        var page = await browser.GetStringAsync("/certificates");
        var fields = new List<(string, string)> { ("CompatriotId", compatriotId.ToString(CultureInfo.InvariantCulture)), ("ModuleId", "issyk-kul"), ("Kind", "gratitude"), ("Language", ""), ("Reason", "Мектепке жардамы үчүн") };
        if (deliver) fields.Add(("DeliverToHolder", "true"));
        var response = await browser.PostAsync("/certificates", Form(page, [.. fields]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        return returnLocation ? location : SerialInPath().Match(location).Groups[1].Value;
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Prepend(new("__RequestVerificationToken", Token(page))));
}
