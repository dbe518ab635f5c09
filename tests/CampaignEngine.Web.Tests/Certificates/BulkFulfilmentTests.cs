using System.Net;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class BulkFulfilmentTestsOnSqlite() : BulkFulfilmentTests(TestHost.Sqlite);

public sealed class BulkFulfilmentTestsOnPostgreSql() : BulkFulfilmentTests(TestHost.PostgreSql);

/// <summary>
/// Bulk eligibility counts what arrived and was approved (money in USD at the fulfilment's rate, hours), not what was
/// promised: the pledges and fulfilments are made through the API, as a leader and a second approver make them.
/// </summary>
public abstract class BulkFulfilmentTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Bulk_counts_approved_fulfilments_at_their_own_rate_not_the_promised_amount()
    {
        var admin = _host.AdminClient();
        var approver = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "second-eyes", "officer", null));

        var paidMost = Person("Айгүл Көпбаева");          // promised 200, paid 150
        await Pledge(admin, approver, paidMost, new { kind = "money", amount = 200, currency = "USD" }, new { amount = 150, evidence = "KICB 1001" });
        var paidLittle = Person("Бакыт Азбаев");          // promised 500, paid 60
        await Pledge(admin, approver, paidLittle, new { kind = "money", amount = 500, currency = "USD" }, new { amount = 60, evidence = "KICB 1002" });
        var paidMore = Person("Нурлан Ашыкбаев");         // promised 100, paid 120 in one transfer: fulfilled
        await Pledge(admin, approver, paidMore, new { kind = "money", amount = 100, currency = "USD" }, new { amount = 120, evidence = "KICB 1003" });
        var volunteer = Person("Темир Убакытов");         // promised 40 hours, gave 12
        await Pledge(admin, approver, volunteer, new { kind = "time", hours = 40, contributionType = "training" }, new { hours = 12, evidence = "Lecture log 7" });

        // Roubles promised at the old rate, paid after the rate changed: the fulfilment's own rate counts.
        var rouble = Person("Гүлзат Рублева");
        var roublePledge = await admin.PostJson("/api/pledges", new { compatriotId = rouble, kind = "money", amount = 5000, currency = "RUB" }, HttpStatusCode.Created);
        Assert.Equal(62.50m, (decimal)roublePledge["amountUsd"]!);
        var rate = await admin.PutAsync("/api/rates", System.Net.Http.Json.JsonContent.Create(new[]
        {
            new { currency = "RUB", date = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), usd = 0.02m },
        }));
        Assert.Equal(HttpStatusCode.OK, rate.StatusCode);
        await Fulfil(admin, approver, (long)roublePledge["id"]!, new { amount = 2000, currency = "RUB", evidence = "Sberbank 55" });

        // Money recorded but not approved, or rejected, and a bare promise count for nothing.
        var awaiting = Person("Эрмек Күтүүчү");
        var awaitingPledge = await admin.PostJson("/api/pledges", new { compatriotId = awaiting, kind = "money", amount = 1000, currency = "USD" }, HttpStatusCode.Created);
        await admin.PostJson($"/api/pledges/{(long)awaitingPledge["id"]!}/fulfilments", new { amount = 1000, evidence = "pending 1" }, HttpStatusCode.Created);
        var rejected = Person("Бермет Четке");
        var rejectedPledge = await admin.PostJson("/api/pledges", new { compatriotId = rejected, kind = "money", amount = 800, currency = "USD" }, HttpStatusCode.Created);
        var rejectedFulfilment = await admin.PostJson($"/api/pledges/{(long)rejectedPledge["id"]!}/fulfilments", new { amount = 800, evidence = "forged slip" }, HttpStatusCode.Created);
        await approver.PostJson($"/api/fulfilments/{(long)rejectedFulfilment["id"]!}/reject", new { reason = "no such transfer" }, HttpStatusCode.OK);
        var promised = Person("Убада Бергенов");
        await admin.PostJson("/api/pledges", new { compatriotId = promised, kind = "money", amount = 900, currency = "USD" }, HttpStatusCode.Created);

        var oblast = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-fulfil", "oblast", "KG-Y"));
        var everyone = await Preview(oblast, new { moduleId = "issyk-kul", kind = "gratitude", dryRun = true });
        Assert.Equal(new Dictionary<long, (decimal, decimal)>
        {
            [paidMost] = (150m, 0m), [paidLittle] = (60m, 0m), [paidMore] = (120m, 0m), [volunteer] = (0m, 12m), [rouble] = (40m, 0m),
        }, everyone);

        // Four people reach USD 50 or 10 hours; promising more than one paid does not help.
        var reached = await Preview(oblast, new { moduleId = "issyk-kul", kind = "gratitude", minUsd = 50m, minHours = 10m, dryRun = true });
        Assert.Equal(new[] { paidMost, paidLittle, paidMore, volunteer }.Order(), reached.Keys.Order());
        Assert.Equal(new[] { paidMost, paidMore }.Order(), (await Preview(oblast, new { moduleId = "issyk-kul", kind = "gratitude", minUsd = 120m, dryRun = true })).Keys.Order());

        // Counting promises is the caller's explicit choice: an open pledge then counts what it promised, or what arrived if more.
        var withPromises = await Preview(oblast, new { moduleId = "issyk-kul", kind = "gratitude", minUsd = 500m, includeUnfulfilled = true, dryRun = true });
        Assert.Equal(new[] { paidLittle, awaiting, rejected, promised }.Order(), withPromises.Keys.Order());
        Assert.Equal(500m, withPromises[paidLittle].Usd);
        Assert.Equal(1000m, withPromises[awaiting].Usd);
    }

    [SkippableFact]
    public async Task Bulk_period_is_the_day_the_money_was_recorded_not_the_day_it_was_promised()
    {
        var admin = _host.AdminClient();
        var approver = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "second-period", "officer", null));
        var person = Person("Мирлан Кечиккен");
        await Pledge(admin, approver, person, new { kind = "money", amount = 700, currency = "USD" }, new { amount = 700, evidence = "KICB 2001" });
        // Promised in October, paid on the day the test runs.
        CertificateTestData.Execute(_host, "UPDATE pledge SET created_at = '2025-10-05T08:00:00.000Z' WHERE compatriot_id = @person", new { person });

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(6));
        var oblast = _host.ClientWithKey(CertificateTestData.CreateUser(_host, "ik-period", "oblast", "KG-Y"));
        Assert.Empty(await Preview(oblast, new { moduleId = "issyk-kul", kind = "gratitude", from = "2025-10-01", to = "2025-10-31", dryRun = true }));
        Assert.Equal([person], (await Preview(oblast, new
        {
            moduleId = "issyk-kul", kind = "gratitude", from = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            to = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), dryRun = true,
        })).Keys);
    }

    private long Person(string name) => CertificateTestData.InsertCompatriot(_host, name, homeRegion: "KG-Y");

    private static async Task Pledge(HttpClient recorder, HttpClient approver, long compatriotId, object pledge, object fulfilment)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(pledge))!.AsObject();
        body["compatriotId"] = compatriotId;
        var id = (long)(await recorder.PostJson("/api/pledges", body, HttpStatusCode.Created))["id"]!;
        await Fulfil(recorder, approver, id, fulfilment);
    }

    private static async Task Fulfil(HttpClient recorder, HttpClient approver, long pledgeId, object fulfilment)
    {
        var recorded = await recorder.PostJson($"/api/pledges/{pledgeId}/fulfilments", fulfilment, HttpStatusCode.Created);
        await approver.PostJson($"/api/fulfilments/{(long)recorded["id"]!}/approve", new { }, HttpStatusCode.OK);
    }

    private static async Task<Dictionary<long, (decimal Usd, decimal Hours)>> Preview(HttpClient client, object criteria)
    {
        var body = await client.PostJson("/api/certificates/bulk", criteria, HttpStatusCode.OK);
        return body["candidates"]!.AsArray().ToDictionary(c => (long)c!["compatriotId"]!, c => ((decimal)c!["usd"]!, (decimal)c!["hours"]!));
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }
}
