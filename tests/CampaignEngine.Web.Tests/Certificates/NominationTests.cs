using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Certificates.Nominations;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class NominationTestsOnSqlite(CertificatesHostFixture fixture) : NominationTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class NominationTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : NominationTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

/// <summary>
/// A fulfilled pledge raised through the module events (handled in jobs): the Issyk-Kul module nominates donors of USD 500
/// or more, and only Issyk-Kul's oblast user can approve (which issues) or reject.
/// </summary>
public abstract class NominationTests(ICertificatesHost fixture)
{
    private TestHost Host => fixture.Host;

    [SkippableFact]
    public async Task Issyk_kul_module_nominates_above_500_usd_and_its_oblast_user_approves()
    {
        var donor = CertificateTestData.InsertCompatriot(Host, "Айбек Сыдыков", homeRegion: "KG-Y");
        var small = CertificateTestData.InsertCompatriot(Host, "Бермет Алиева", homeRegion: "KG-Y");

        await Host.RaiseAndWaitAsync(Fulfilled(9_000_101, donor, "KG-Y", 600m));
        await Host.RaiseAndWaitAsync(Fulfilled(9_000_101, donor, "KG-Y", 600m)); // raised twice
        await Host.RaiseAndWaitAsync(Fulfilled(9_000_102, small, "KG-Y", 400m));

        var issykKul = Host.ClientWithKey(CertificateTestData.CreateUser(Host, "ik-nom", "oblast", "KG-Y"));
        var naryn = Host.ClientWithKey(CertificateTestData.CreateUser(Host, "nr-nom", "oblast", "KG-N"));
        var pending = await Pending(issykKul, donor, small);
        var nomination = Assert.Single(pending);
        Assert.Equal(donor, nomination.GetProperty("compatriotId").GetInt64());
        Assert.Equal("gratitude", nomination.GetProperty("kind").GetString());
        Assert.Equal("2026-жылы 600 USD салым үчүн", nomination.GetProperty("reason").GetString());
        var id = nomination.GetProperty("id").GetInt64();

        Assert.Empty(await Pending(naryn, donor, small));
        Assert.Equal(HttpStatusCode.NotFound, (await naryn.PostAsJsonAsync($"/api/certificates/nominations/{id}/approve", new { })).StatusCode);

        var approved = await issykKul.PostAsJsonAsync($"/api/certificates/nominations/{id}/approve",
            new { reason = "«Таза көл» долбооруна 600 USD салым үчүн", honourRoll = true });
        Assert.Equal(HttpStatusCode.Created, approved.StatusCode);
        var serial = JsonDocument.Parse(await approved.Content.ReadAsStringAsync()).RootElement.GetProperty("serial").GetString()!;
        Assert.StartsWith("IK-", serial);
        var verified = JsonDocument.Parse(await Host.CreateClient().GetStringAsync($"/api/certificates/{serial}/verify")).RootElement;
        Assert.Equal("valid", verified.GetProperty("status").GetString());

        Assert.Empty(await Pending(issykKul, donor, small));
        Assert.Equal(HttpStatusCode.Conflict, (await issykKul.PostAsJsonAsync($"/api/certificates/nominations/{id}/approve", new { })).StatusCode);
    }

    [SkippableFact]
    public async Task Rejected_nomination_issues_nothing()
    {
        var donor = CertificateTestData.InsertCompatriot(Host, "Жылдыз Мамытова", homeRegion: "KG-Y");
        await Host.RaiseAndWaitAsync(Fulfilled(9_000_201, donor, "KG-Y", 1500m));
        // A native of another oblast is not Issyk-Kul's to nominate.
        var outsider = CertificateTestData.InsertCompatriot(Host, "Талант Таласов", homeRegion: "KG-T");
        await Host.RaiseAndWaitAsync(Fulfilled(9_000_202, outsider, "KG-T", 1500m));

        var admin = Host.AdminClient();
        var all = await Pending(admin, donor, outsider);
        var id = Assert.Single(all).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/certificates/nominations/{id}/reject", new { note = "already recognised" })).StatusCode);
        var decided = JsonDocument.Parse(await admin.GetStringAsync("/api/certificates/nominations?status=rejected")).RootElement
            .EnumerateArray().Single(n => n.GetProperty("id").GetInt64() == id);
        Assert.Equal(JsonValueKind.Null, decided.GetProperty("serial").ValueKind);
        Assert.Equal("already recognised", decided.GetProperty("note").GetString());
    }

    /// <summary>
    /// The event as the pledge ledger raises it, with the reason it wrote for the holder; the pledge ids are far above the
    /// fixture's real pledges, whose own events would otherwise share their idempotency key.
    /// </summary>
    internal static PledgeFulfilled Fulfilled(long pledge, long donor, string region, decimal usd)
    {
        var amount = usd.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        return new(pledge, donor, region, usd, 0m,
            new Core.Reference.LocalizedText($"2026-жылы {amount} USD салым үчүн", $"За вклад {amount} USD в 2026 году", $"For {amount} USD in 2026"), "ky");
    }

    private static async Task<List<JsonElement>> Pending(HttpClient client, params long[] compatriots)
    {
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/certificates/nominations")).RootElement;
        return list.EnumerateArray().Where(n => compatriots.Contains(n.GetProperty("compatriotId").GetInt64())).ToList();
    }
}
