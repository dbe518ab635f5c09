using System.Text.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class VerifyHolderProofTestsOnSqlite(CertificatesHostFixture fixture) : VerifyHolderProofTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class VerifyHolderProofTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : VerifyHolderProofTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

/// <summary>
/// Serials are dense (IK-2026-000001, 000002, …), so anyone could walk them. A serial alone tells whether a paper is
/// genuine, who issued it, what and when; the holder's partial name only comes with the proof printed in the QR code.
/// </summary>
public abstract class VerifyHolderProofTests(ICertificatesHost fixture)
{
    private TestHost Host => fixture.Host;

    [SkippableFact]
    public async Task Walking_the_serials_shows_status_issuer_kind_and_date_but_never_a_holder()
    {
        var admin = Host.AdminClient();
        var names = new[] { "Айзада Токтосунова", "Бекжан Мамытов", "Чынара Эсенова" };
        var serials = new List<string>();
        foreach (var name in names)
            serials.Add((await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(Host, name), moduleId: "batken")).Serial);
        var anonymous = Host.CreateClient();

        var prefix = serials[0][..^6];
        var first = long.Parse(serials[0][^6..], System.Globalization.CultureInfo.InvariantCulture);
        for (var n = first; n < first + names.Length; n++)
        {
            var serial = prefix + n.ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
            var page = await anonymous.GetStringAsync($"/verify/{serial}?lang=en");
            Assert.Contains("data-status=\"valid\"", page);
            Assert.Contains("Batken Regional Administration", page);
            Assert.Contains("shown only when this page is opened from the QR code", page);
            using var api = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/certificates/{serial}/verify"));
            Assert.Equal("valid", api.RootElement.GetProperty("status").GetString());
            Assert.Equal("honorary", api.RootElement.GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Null, api.RootElement.GetProperty("holder").ValueKind);
            foreach (var name in names)
            {
                Assert.DoesNotContain(name.Split(' ')[0], page);
                Assert.DoesNotContain(name.Split(' ')[0], api.RootElement.GetRawText());
            }
        }
    }

    [SkippableFact]
    public async Task The_proof_from_the_qr_code_shows_the_partial_name_and_the_language_links_keep_it()
    {
        var (serial, _) = await CertificateTestData.IssueAsync(Host.AdminClient(), CertificateTestData.InsertCompatriot(Host, "Нургүл Сатарова"));
        var proof = CertificateTestData.Proof(Host, serial);

        var page = await Host.CreateClient().GetStringAsync($"/verify/{serial}?s={proof}");
        using var api = JsonDocument.Parse(await Host.CreateClient().GetStringAsync($"/api/certificates/{serial}/verify?s={proof}"));

        Assert.Contains("Нургүл С.", page);
        Assert.DoesNotContain("Сатарова", page);
        Assert.Contains($"?s={proof}&amp;lang=en", page);
        Assert.Equal("Нургүл С.", api.RootElement.GetProperty("holder").GetString());
    }

    [SkippableFact]
    public async Task The_proof_of_another_certificate_reads_tampered_and_names_nobody()
    {
        var admin = Host.AdminClient();
        var (serial, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(Host, "Элнура Жумабаева"));
        var (other, _) = await CertificateTestData.IssueAsync(admin, CertificateTestData.InsertCompatriot(Host, "Максат Орозов"));

        var page = await Host.CreateClient().GetStringAsync($"/verify/{serial}?s={CertificateTestData.Proof(Host, other)}");
        var garbage = await Host.CreateClient().GetStringAsync($"/verify/{serial}?s=not-a-signature");

        Assert.Contains("data-status=\"tampered\"", page);
        Assert.Contains("data-status=\"tampered\"", garbage);
        foreach (var html in new[] { page, garbage })
        {
            Assert.DoesNotContain("Элнура", html);
            Assert.DoesNotContain("Максат", html);
        }
    }
}
