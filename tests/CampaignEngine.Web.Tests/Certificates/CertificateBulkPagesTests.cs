using System.Net;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Certificates.Nominations;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>Bakyt's monthly round in the pages: bulk preview and issue with progress and ZIP, a nomination approved, consent to the honour roll.</summary>
public abstract partial class CertificatePagesTests
{
    [SkippableFact]
    public async Task Oblast_user_previews_and_bulk_issues_then_downloads_the_zip()
    {
        CertificateTestData.CreateUser(_host, "bakyt-bulk", "oblast", "KG-Y");
        var donor = CertificateTestData.InsertCompatriot(_host, "Кубат Ыдырысов", homeRegion: "KG-Y");
        CertificateTestData.Execute(_host, """
            INSERT INTO pledge (compatriot_id, kind, amount_usd, status, recorded_by, gender, age_band, home_region, country, created_at)
            VALUES (@donor, 'money', 5000, 'fulfilled', 'officer', 'male', '35-44', 'KG-Y', 'AE', '2026-06-01T00:00:00.000Z')
            """, new { donor });
        CertificateTestData.PayFulfilledPledgesInFull(_host);
        var browser = await SignInAsync("bakyt-bulk");

        var form = await browser.GetStringAsync("/certificates/bulk?lang=en");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form), ["ModuleId"] = "issyk-kul", ["Kind"] = "honorary", ["MinUsd"] = "4000",
            ["From"] = "2026-06-01", ["To"] = "2026-06-30", ["Language"] = "",
        };
        var preview = await browser.PostAsync("/certificates/bulk?lang=en", new FormUrlEncodedContent(fields.Append(new("action", "preview"))));
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Кубат Ыдырысов", previewHtml);
        Assert.Contains("value=\"issue\"", previewHtml);

        fields["__RequestVerificationToken"] = Token(previewHtml);
        var issue = await browser.PostAsync("/certificates/bulk", new FormUrlEncodedContent(fields.Append(new("action", "issue"))));
        Assert.Equal(HttpStatusCode.Redirect, issue.StatusCode);
        var jobPage = issue.Headers.Location!.ToString();
        var last = "";
        for (var i = 0; i < 150 && !last.Contains("data-status=\"completed\""); i++) { await Task.Delay(200); last = await browser.GetStringAsync(jobPage); }
        Assert.True(last.Contains("data-status=\"completed\""), System.Text.RegularExpressions.Regex.Match(last, "<main[\\s\\S]*</main>").Value);
        var done = await browser.GetStringAsync(jobPage);
        Assert.Contains($"{jobPage}/zip", done);
        var zip = await browser.GetAsync($"{jobPage}/zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Oblast_user_approves_a_nomination_and_lists_the_holder_on_the_honour_roll()
    {
        CertificateTestData.CreateUser(_host, "bakyt-nom", "oblast", "KG-Y");
        var donor = CertificateTestData.InsertCompatriot(_host, "Санжар Төлөгөнов", homeRegion: "KG-Y");
        await _host.RaiseAndWaitAsync(NominationTests.Fulfilled(9_009_001, donor, "KG-Y", 750m));
        var browser = await SignInAsync("bakyt-nom");

        var queue = await browser.GetStringAsync("/certificates/nominations?lang=ru");
        Assert.Contains("Санжар Төлөгөнов", queue);
        var id = System.Text.RegularExpressions.Regex.Match(queue, "/certificates/nominations/([0-9]+)/approve").Groups[1].Value;
        var approve = await browser.PostAsync($"/certificates/nominations/{id}/approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(queue), ["reason"] = "За вклад 750 USD в проект «Чистый Иссык-Куль»", ["language"] = "ru",
        }));
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        var detailUrl = approve.Headers.Location!.ToString();
        var serial = SerialInPath().Match(detailUrl).Groups[1].Value;

        var detail = await browser.GetStringAsync(detailUrl);
        Assert.Contains($"/certificates/{serial}/honour-roll", detail);
        var consent = await browser.PostAsync($"/certificates/{serial}/honour-roll", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(detail), ["listed"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        Assert.Contains("Санжар Т.", await _host.CreateClient().GetStringAsync("/honour/issyk-kul?lang=ru"));
    }
}
