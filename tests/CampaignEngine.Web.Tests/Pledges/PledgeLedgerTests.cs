using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Pledges;

public sealed class PledgeLedgerTestsOnSqlite() : PledgeLedgerTests(TestHost.Sqlite);

public sealed class PledgeLedgerTestsOnPostgreSql() : PledgeLedgerTests(TestHost.PostgreSql);

/// <summary>Gulnara's journey: pledges recorded for members, fulfilment with evidence, approval by someone else.</summary>
public abstract class PledgeLedgerTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Leader_records_a_rouble_pledge_and_a_second_person_approves_partial_then_full_fulfilment()
    {
        var admin = _host.AdminClient();
        var (gulnara, board, organization) = await TwoLeaders(admin, "Фонд нарынского землячества");
        var member = TestCompatriots.Insert(_host, new("Азамат Мамытов", "male", "KG-N", "RU", City: "Moscow", OrganizationId: organization, Phone: "+79161112233"));

        var pledge = await gulnara.PostJson("/api/pledges", new { compatriotId = member, kind = "money", amount = 5000, currency = "RUB", recurring = (string?)null }, HttpStatusCode.Created);
        var id = (long)pledge["id"]!;
        Assert.Equal("pledged", (string)pledge["status"]!);
        Assert.Equal("leader", (string)pledge["recordedBy"]!);
        Assert.Equal(62.50m, (decimal)pledge["amountUsd"]!);
        Assert.Equal(Math.Round(62.50m / 0.01144m, 2), (decimal)pledge["amountKgs"]!);

        var first = await gulnara.PostJson($"/api/pledges/{id}/fulfilments", new { amount = 2000, currency = "RUB", evidence = "Sberbank 4471-22" }, HttpStatusCode.Created);
        Assert.Equal("awaiting_approval", (string)first["status"]!);
        // Four eyes: the one who recorded it cannot approve it.
        var self = await gulnara.PostAsync($"/api/fulfilments/{(long)first["id"]!}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal(0m, (decimal)(await gulnara.GetJson($"/api/pledges/{id}"))["fulfilledUsd"]!);

        var partial = await board.PostJson($"/api/fulfilments/{(long)first["id"]!}/approve", new { }, HttpStatusCode.OK);
        Assert.Equal("partially_fulfilled", (string)partial["status"]!);
        Assert.Equal(25m, (decimal)partial["fulfilledUsd"]!);

        var second = await gulnara.PostJson($"/api/pledges/{id}/fulfilments", new { amount = 3000, evidence = "Sberbank 4471-31" }, HttpStatusCode.Created);
        var done = await admin.PostJson($"/api/fulfilments/{(long)second["id"]!}/approve", new { }, HttpStatusCode.OK);
        Assert.Equal("fulfilled", (string)done["status"]!);
        Assert.Equal(62.50m, (decimal)done["fulfilledUsd"]!);
        await gulnara.PostJson($"/api/pledges/{id}/fulfilments", new { amount = 1, evidence = "x" }, HttpStatusCode.Conflict);
    }

    [SkippableFact]
    public async Task Leader_sees_and_records_only_for_their_own_members()
    {
        var admin = _host.AdminClient();
        var (gulnara, _, organization) = await TwoLeaders(admin, "Naryn fund");
        var other = (long)(await admin.PostJson("/api/organizations", new { name = "Kyrgyz Community Doha", country = "QA", city = "Doha" }, HttpStatusCode.Created))["id"]!;
        var stranger = TestCompatriots.Insert(_host, new("Чужой", "male", "KG-N", "QA", OrganizationId: other, Phone: "+97433112233"));
        var member = TestCompatriots.Insert(_host, new("Свой", "female", "KG-N", "RU", OrganizationId: organization, Phone: "+79161112244"));

        var refused = await gulnara.PostAsJsonAsync("/api/pledges", new { compatriotId = stranger, kind = "time", hours = 2, contributionType = "consulting" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("compatriotId", await refused.Content.ReadAsStringAsync());

        var theirs = (long)(await admin.PostJson("/api/pledges", new { compatriotId = stranger, kind = "money", amount = 100, currency = "QAR" }, HttpStatusCode.Created))["id"]!;
        await gulnara.PostJson("/api/pledges", new { compatriotId = member, kind = "time", hours = 4, contributionType = "training" }, HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await gulnara.GetAsync($"/api/pledges/{theirs}")).StatusCode);
        var visible = (await gulnara.GetJson("/api/pledges")).AsArray();
        Assert.Single(visible);
        Assert.Equal(member, (long)visible[0]!["compatriotId"]!);
    }

    [SkippableFact]
    public async Task Cancel_and_write_off_keep_the_reason_and_leave_the_totals()
    {
        var admin = _host.AdminClient();
        var person = TestCompatriots.Insert(_host, new("Бермет", "female", "KG-Y", "AE"));
        var a = (long)(await admin.PostJson("/api/pledges", new { compatriotId = person, kind = "money", amount = 100, currency = "USD" }, HttpStatusCode.Created))["id"]!;
        var b = (long)(await admin.PostJson("/api/pledges", new { compatriotId = person, kind = "money", amount = 40, currency = "USD" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/pledges/{a}/cancel", new { }, HttpStatusCode.BadRequest);
        var cancelled = await admin.PostJson($"/api/pledges/{a}/cancel", new { reason = "changed her mind" }, HttpStatusCode.OK);
        Assert.Equal("cancelled", (string)cancelled["status"]!);
        Assert.Equal("changed her mind", (string)cancelled["statusReason"]!);
        await admin.PostJson($"/api/pledges/{b}/write-off", new { reason = "no contact for a year" }, HttpStatusCode.OK);
        await admin.PostJson($"/api/pledges/{a}/write-off", new { reason = "again" }, HttpStatusCode.Conflict);
        var report = await admin.GetJson("/api/reports/pledges?by=gender");
        Assert.Equal(0, (long)report["rows"]!.AsArray().Single(r => (string)r!["gender"]! == "female")!["count"]!);
    }

    [SkippableFact]
    public async Task Admin_maintains_dated_rates_and_new_pledges_use_the_rate_of_their_day()
    {
        var admin = _host.AdminClient();
        var bad = await admin.PutAsJsonAsync("/api/rates", new[] { new { currency = "RUB", date = "2026-01-01", usd = -1 } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("usd", await bad.Content.ReadAsStringAsync());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var put = await admin.PutAsJsonAsync("/api/rates", new[] { new { currency = "RUB", date = today, usd = 0.02m } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var person = TestCompatriots.Insert(_host, new("Канат", "male", "KG-T", "RU"));
        var pledge = await admin.PostJson("/api/pledges", new { compatriotId = person, kind = "money", amount = 1000, currency = "RUB" }, HttpStatusCode.Created);
        Assert.Equal(20m, (decimal)pledge["amountUsd"]!);
    }

    [SkippableFact]
    public async Task A_fulfilled_pledge_above_the_modules_threshold_nominates_the_donor_for_a_certificate()
    {
        var admin = _host.AdminClient();
        var donor = TestCompatriots.Insert(_host, new("Айбек Осмонов", "male", "KG-Y", "AE"));
        var id = (long)(await admin.PostJson("/api/pledges", new { compatriotId = donor, kind = "money", amount = 600, currency = "USD" }, HttpStatusCode.Created))["id"]!;
        var officer = (long)(await admin.PostJson("/api/users", new { login = "officer-n", password = "long-password-1", role = "officer" }, HttpStatusCode.Created))["id"]!;
        var key = (string)(await admin.PostJson($"/api/users/{officer}/api-keys", new { }, HttpStatusCode.Created))["key"]!;
        var fulfilment = (long)(await admin.PostJson($"/api/pledges/{id}/fulfilments", new { amount = 600, evidence = "wire 123" }, HttpStatusCode.Created))["id"]!;
        await _host.ClientWithKey(key).PostJson($"/api/fulfilments/{fulfilment}/approve", new { }, HttpStatusCode.OK);
        await ModuleEventWaits.HandledAsync(_host);   // modules hear of it in a job, after the request
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM certificate_nomination WHERE compatriot_id = @donor AND module_id = 'issyk-kul'", new { donor }));
    }

    private async Task<(HttpClient Gulnara, HttpClient Board, long Organization)> TwoLeaders(HttpClient admin, string name)
    {
        var organization = (long)(await admin.PostJson("/api/organizations", new { name, country = "RU", city = "Moscow" }, HttpStatusCode.Created))["id"]!;
        async Task<HttpClient> Leader(string login)
        {
            var id = (long)(await admin.PostJson("/api/users", new { login, password = "long-password-1", role = "leader", organizationId = organization }, HttpStatusCode.Created))["id"]!;
            var key = (string)(await admin.PostJson($"/api/users/{id}/api-keys", new { }, HttpStatusCode.Created))["key"]!;
            return _host.ClientWithKey(key);
        }
        return (await Leader("gulnara-" + organization), await Leader("board-" + organization), organization);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
