using System.Net;
using System.Text.Json;
using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.MyPage;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class ReceiptTestsOnSqlite() : ReceiptTests(TestHost.Sqlite);

public sealed class ReceiptTestsOnPostgreSql() : ReceiptTests(TestHost.PostgreSql);

/// <summary>
/// Receipts and yearly statements behind the person's own link: approved fulfilments made through the API by a recorder
/// and a second approver, the PDFs downloaded from <c>/me/{token}</c>, checked offline with the published keys and online
/// on <c>/verify</c>, and refused as a bad link is for anyone else's.
/// </summary>
public abstract class ReceiptTests(string engine) : IDisposable
{
    private const string Nurlan = "Нурлан Токтогулов";
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000", ["RateLimits:MyPagePerTokenPerMinute"] = "100000" } };

    [SkippableFact]
    public async Task A_receipt_says_who_gave_what_for_what_when_with_the_evidence_and_the_administration_in_each_language()
    {
        var (token, fulfilments) = await DonorAsync(Nurlan);
        var keys = await KeysAsync();
        var expected = new Dictionary<string, string[]>
        {
            ["ky"] = ["КВИТАНЦИЯ", "Кимден алынды", "Салым 1 500 KGS", "Тастыктоочу документ KICB 7001", "Ысык-Көл облусунун администрациясы", "туулган аймактын өнүгүүсү"],
            ["ru"] = ["КВИТАНЦИЯ", "Получено от", "Взнос 1 500 KGS", "Подтверждение KICB 7001", "Администрация Иссык-Кульской области", "развитие родного региона"],
            ["en"] = ["RECEIPT", "Received from", "Contribution 1,500 KGS", "Evidence KICB 7001", "Issyk-Kul Regional Administration", "the development of the home region"],
        };
        foreach (var (language, texts) in expected)
        {
            var (payload, printed) = CertificatePdfReader.Read(await Download($"/me/{token}/receipts/{fulfilments[0]}.pdf?lang={language}"));
            var parsed = CertificatePayload.TryParse(payload)!;
            Assert.Equal((ReceiptKinds.Receipt, Nurlan, "issyk-kul", language), (parsed.Kind, parsed.HolderName, parsed.ModuleId, parsed.Language));
            Assert.StartsWith("IKR-", parsed.Serial, StringComparison.Ordinal);
            foreach (var text in texts.Append(Nurlan)) Assert.Contains(Squash(text), Squash(printed), StringComparison.Ordinal);
            var check = new OfflineVerifier(new UiText()).Check(payload, keys, printed);
            Assert.True(check.Status == OfflineStatus.Valid, string.Join("; ", check.Problems));
        }
        var hours = CertificatePayload.TryParse(CertificatePdfReader.Read(await Download($"/me/{token}/receipts/{fulfilments[2]}.pdf?lang=ru")).Payload)!;
        Assert.Equal("12 ч добровольной работы", hours.AttestedFields[0]);
    }

    [SkippableFact]
    public async Task Downloading_the_same_receipt_again_hands_back_the_same_signed_paper()
    {
        var (token, fulfilments) = await DonorAsync(Nurlan);
        var first = CertificatePayload.TryParse(CertificatePdfReader.Read(await Download($"/me/{token}/receipts/{fulfilments[0]}.pdf")).Payload)!;
        var again = CertificatePayload.TryParse(CertificatePdfReader.Read(await Download($"/me/{token}/receipts/{fulfilments[0]}.pdf")).Payload)!;
        var otherLanguage = CertificatePayload.TryParse(CertificatePdfReader.Read(await Download($"/me/{token}/receipts/{fulfilments[0]}.pdf?lang=en")).Payload)!;

        Assert.Equal(first, again);
        Assert.Equal("ky", first.Language);
        Assert.NotEqual(first.Serial, otherLanguage.Serial);
    }

    [SkippableFact]
    public async Task A_tampered_receipt_reads_tampered_offline_and_on_the_verify_page()
    {
        var (token, fulfilments) = await DonorAsync(Nurlan);
        var keys = await KeysAsync();
        var (payloadText, printed) = CertificatePdfReader.Read(await Download($"/me/{token}/receipts/{fulfilments[0]}.pdf?lang=en"));
        var payload = CertificatePayload.TryParse(payloadText)!;
        var verifier = new OfflineVerifier(new UiText());

        // The amount raised in the signed content, the signature kept: the signature fails.
        var raised = payload with { Attests = payload.Attests!.Replace("1,500 KGS", "15,000 KGS", StringComparison.Ordinal) };
        Assert.NotEqual(payload.Attests, raised.Attests);
        Assert.Equal(OfflineStatus.Tampered, verifier.Check(raised.ToString(), keys).Status);
        // The printed amount edited, the metadata left alone: the page no longer says what was signed.
        var edited = verifier.Check(payloadText, keys, printed.Replace("1,500", "15,000", StringComparison.Ordinal));
        Assert.Equal(OfflineStatus.Tampered, edited.Status);
        Assert.Contains(edited.Problems, p => p.Contains("contribution", StringComparison.Ordinal));

        var anonymous = _host.CreateClient();
        var genuineQr = QrOf(payload);
        var valid = await anonymous.GetStringAsync("/verify?lang=en&serial=" + Uri.EscapeDataString(genuineQr));
        Assert.Contains("data-status=\"valid\"", valid, StringComparison.Ordinal);
        Assert.Contains("Valid receipt", valid, StringComparison.Ordinal);
        Assert.Contains("1,500 KGS", valid, StringComparison.Ordinal);
        Assert.Contains("KICB 7001", valid, StringComparison.Ordinal);
        var forged = await anonymous.GetStringAsync("/verify?lang=en&serial=" + Uri.EscapeDataString(QrOf(raised)));
        Assert.Contains("data-status=\"tampered\"", forged, StringComparison.Ordinal);
        Assert.DoesNotContain("15,000", forged, StringComparison.Ordinal);
        var pastedPayload = await anonymous.GetStringAsync("/verify?lang=en&serial=" + Uri.EscapeDataString(raised.ToString()));
        Assert.Contains("data-status=\"tampered\"", pastedPayload, StringComparison.Ordinal);

        // The serial alone says the paper is genuine, but not what it attests: numbers are dense, amounts are the holder's.
        var bySerial = await anonymous.GetStringAsync($"/verify/{payload.Serial}?lang=en");
        Assert.Contains("data-status=\"valid\"", bySerial, StringComparison.Ordinal);
        Assert.DoesNotContain("KICB 7001", bySerial, StringComparison.Ordinal);
        // A register row edited behind the product's back reads tampered.
        CertificateTestData.Execute(_host, "UPDATE certificate_receipt SET attests = replace(attests, '1,500', '15,000') WHERE serial = @serial", new { serial = payload.Serial });
        Assert.Contains("data-status=\"tampered\"", await anonymous.GetStringAsync($"/verify/{payload.Serial}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Another_persons_receipt_statement_or_certificate_answers_as_a_bad_link_does()
    {
        var (token, fulfilments) = await DonorAsync(Nurlan);
        var (otherToken, otherFulfilments) = await DonorAsync("Айгүл Сатыбалдиева");
        var (serial, _) = await CertificateTestData.IssueAsync(_host.AdminClient(), PersonOf(otherToken));
        var anonymous = _host.CreateClient();
        var neutral = await anonymous.GetAsync("/me/0123456789abcdef0123456789abcdef?lang=en");
        Assert.Equal(HttpStatusCode.NotFound, neutral.StatusCode);
        var neutralPage = await neutral.Content.ReadAsStringAsync();

        foreach (var path in new[]
        {
            $"/me/{token}/receipts/{otherFulfilments[0]}.pdf?lang=en", $"/me/{token}/receipts/999999.pdf?lang=en",
            $"/me/{token}/receipts/1999/statement.pdf?lang=en", $"/me/{token}/certificates/{serial}.pdf?lang=en",
            $"/me/0123456789abcdef0123456789abcdef/receipts/{fulfilments[0]}.pdf?lang=en",
        })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(neutralPage, await response.Content.ReadAsStringAsync());
        }
        using var own = await anonymous.GetAsync($"/me/{otherToken}/certificates/{serial}.pdf");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("no-store", own.Headers.CacheControl?.ToString());
    }

    [SkippableFact]
    public async Task The_yearly_statement_totals_each_currency_and_verifies_like_a_receipt()
    {
        var (token, _) = await DonorAsync(Nurlan);
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(6)).Year;
        var (payloadText, printed) = CertificatePdfReader.Read(await Download($"/me/{token}/receipts/{year}/statement.pdf?lang=en"));
        var statement = CertificatePayload.TryParse(payloadText)!;

        Assert.Equal(ReceiptKinds.Statement, statement.Kind);
        Assert.Equal([year.ToString(System.Globalization.CultureInfo.InvariantCulture), "4", "1,800 KGS", "50 USD", "12 h of volunteer work"], statement.AttestedFields);
        var check = new OfflineVerifier(new UiText()).Check(payloadText, await KeysAsync(), printed);
        Assert.True(check.Status == OfflineStatus.Valid, string.Join("; ", check.Problems));
        Assert.Contains(Squash("KICB 7002"), Squash(printed), StringComparison.Ordinal);
        // What awaits approval is on no paper.
        Assert.DoesNotContain(Squash("pending 9"), Squash(printed), StringComparison.Ordinal);
        Assert.Contains("data-status=\"valid\"", await _host.CreateClient().GetStringAsync($"/verify/{statement.Serial}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Old_certificates_keep_their_nine_field_payload_and_still_verify()
    {
        var admin = _host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul), kind: "gratitude");
        var (payloadText, printed) = CertificatePdfReader.Read(await admin.GetByteArrayAsync($"/api/certificates/{serial}/pdf"));

        Assert.Equal(9, CertificateContent.Split(payloadText!)!.Count);
        var payload = CertificatePayload.TryParse(payloadText)!;
        Assert.Null(payload.Attests);
        Assert.Equal(CertificateContent.Join(["ce-cert-v1", serial, "gratitude", CertificateTestData.Aigul, "issyk-kul", payload.IssuedDay, "ky"]), payload.Canonical);
        Assert.Equal(OfflineStatus.Valid, new OfflineVerifier(new UiText()).Check(payloadText, await KeysAsync(), printed).Status);
        Assert.Contains("data-status=\"valid\"", await _host.CreateClient().GetStringAsync($"/verify/{serial}"), StringComparison.Ordinal);
        // A receipt's kind without what it attests, or a certificate's with it, is no payload at all.
        Assert.Null(CertificatePayload.TryParse(payloadText!.Replace("|gratitude|", "|receipt|", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task The_page_lists_receipts_per_year_and_certificates_with_revoked_ones_marked()
    {
        var (token, fulfilments) = await DonorAsync(Nurlan);
        var admin = _host.AdminClient();
        var person = PersonOf(token);
        var (kept, _) = await CertificateTestData.IssueAsync(admin, person);
        var (revoked, _) = await CertificateTestData.IssueAsync(admin, person, kind: "gratitude");
        await admin.PostJson($"/api/certificates/{revoked}/revoke", new { reason = "Issued twice by mistake" }, HttpStatusCode.OK);
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(6)).Year;

        var page = await _host.CreateClient().GetStringAsync($"/me/{token}?lang=en");

        Assert.Contains("<h2>Receipts</h2>", page, StringComparison.Ordinal);
        foreach (var id in fulfilments) Assert.Contains($"/receipts/{id}.pdf?lang=en", page, StringComparison.Ordinal);
        Assert.Contains($"/receipts/{year}/statement.pdf?lang=en", page, StringComparison.Ordinal);
        Assert.Contains("1,500 KGS", page, StringComparison.Ordinal);
        Assert.Contains($"data-serial=\"{kept}\" data-status=\"valid\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-serial=\"{revoked}\" data-status=\"revoked\"", page, StringComparison.Ordinal);
        Assert.Contains(">Revoked<", page, StringComparison.Ordinal);
        Assert.Contains($"/me/{token}/certificates/{kept}.pdf", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        var kyrgyz = await _host.CreateClient().GetStringAsync($"/me/{token}");
        Assert.Contains("Квитанциялар", kyrgyz, StringComparison.Ordinal);
        Assert.Contains("Грамоталар", kyrgyz, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_erased_persons_receipt_still_checks_as_genuine_without_the_name_or_amounts()
    {
        var (token, fulfilments) = await DonorAsync(Nurlan);
        var payload = CertificatePayload.TryParse(CertificatePdfReader.Read(await Download($"/me/{token}/receipts/{fulfilments[0]}.pdf?lang=en")).Payload)!;
        var export = await _host.AdminClient().GetStringAsync($"/api/compatriots/{PersonOf(token)}/export");
        Assert.Contains(payload.Serial, export, StringComparison.Ordinal);

        (await _host.AdminClient().DeleteAsync($"/api/compatriots/{PersonOf(token)}")).EnsureSuccessStatusCode();

        var page = await _host.CreateClient().GetStringAsync("/verify?lang=en&serial=" + Uri.EscapeDataString(QrOf(payload)));
        Assert.Contains("data-status=\"valid\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Нурлан", page, StringComparison.Ordinal);
        Assert.DoesNotContain("KICB 7001", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// A donor in Issyk-Kul with four approved fulfilments this year (1,500 and 300 KGS, 12 hours, 50 USD) and one
    /// awaiting approval; their own link and the fulfilments' ids in that order.
    /// </summary>
    private async Task<(string Token, long[] Fulfilments)> DonorAsync(string name)
    {
        var person = CertificateTestData.InsertCompatriot(_host, name, homeRegion: "KG-Y");
        var recorder = _host.AdminClient();
        var approver = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "approver-" + person, "officer", null));
        var som = await PledgeAsync(recorder, person, new { compatriotId = person, kind = "money", amount = 5000, currency = "KGS" });
        var time = await PledgeAsync(recorder, person, new { compatriotId = person, kind = "time", hours = 40, contributionType = "training" });
        var dollars = await PledgeAsync(recorder, person, new { compatriotId = person, kind = "money", amount = 50, currency = "USD" });
        long[] ids =
        [
            await FulfilAsync(recorder, approver, som, new { amount = 1500, evidence = "KICB 7001" }),
            await FulfilAsync(recorder, approver, som, new { amount = 300, evidence = "KICB 7002" }),
            await FulfilAsync(recorder, approver, time, new { hours = 12, evidence = "Lecture log 7" }),
            await FulfilAsync(recorder, approver, dollars, new { amount = 50, evidence = "Wise 991" }),
        ];
        await recorder.PostJson($"/api/pledges/{som}/fulfilments", new { amount = 900, evidence = "pending 9" }, HttpStatusCode.Created);
        return (MyPageKit.LinkOf(_host, person), ids);
    }

    private static async Task<long> PledgeAsync(HttpClient recorder, long person, object pledge) =>
        (long)(await recorder.PostJson("/api/pledges", pledge, HttpStatusCode.Created))["id"]!;

    private static async Task<long> FulfilAsync(HttpClient recorder, HttpClient approver, long pledge, object fulfilment)
    {
        var id = (long)(await recorder.PostJson($"/api/pledges/{pledge}/fulfilments", fulfilment, HttpStatusCode.Created))["id"]!;
        await approver.PostJson($"/api/fulfilments/{id}/approve", new { }, HttpStatusCode.OK);
        return id;
    }

    private long PersonOf(string token) => _host.Services.GetRequiredService<Features.Compatriots.Self.PersonalLinks>().PersonOf(token)!.Value;

    private async Task<byte[]> Download(string path)
    {
        using var response = await _host.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<IssuersDocument> KeysAsync() =>
        JsonSerializer.Deserialize<IssuersDocument>(await _host.CreateClient().GetStringAsync("/.well-known/campaign-engine/issuers.json"), JsonSerializerOptions.Web)!;

    private static string QrOf(CertificatePayload payload) => CertificateQr.Address("http://localhost/verify/" + payload.Serial, payload);

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
