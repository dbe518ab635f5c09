using System.Globalization;
using System.Net;
using System.Text;
using CampaignEngine.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace CampaignEngine.Web.Tests.Pledges;

public sealed class ReportExportTestsOnSqlite() : ReportExportTests(TestHost.Sqlite);

public sealed class ReportExportTestsOnPostgreSql() : ReportExportTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class ReportExportTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Exports_suppress_groups_of_fewer_than_five_people_and_keep_the_others()
    {
        var admin = _host.AdminClient();
        for (var i = 0; i < 6; i++)
        {
            var woman = TestCompatriots.Insert(_host, new($"Аял {i}", "female", "KG-Y", "AE"));
            await admin.PostJson("/api/pledges", new { compatriotId = woman, kind = "money", amount = 10, currency = "USD" }, HttpStatusCode.Created);
        }
        var man = TestCompatriots.Insert(_host, new("Эркек", "male", "KG-Y", "AE"));
        await admin.PostJson("/api/pledges", new { compatriotId = man, kind = "money", amount = 999, currency = "USD" }, HttpStatusCode.Created);

        var json = await admin.GetJson("/api/reports/pledges?by=gender");
        Assert.Equal(999.0, (double)json["rows"]!.AsArray().Single(r => (string)r!["gender"]! == "male")!["amountUsd"]!);

        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/reports/pledges?by=gender&format=csv")).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("gender,count,donors,amountUsd", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("female,6,6,60", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("male,<5,<5,<5", StringComparison.Ordinal));
        Assert.DoesNotContain("999", csv);
        Assert.Contains(lines, l => l.StartsWith("other,0,0,0", StringComparison.Ordinal));   // empty groups are shown, not hidden

        var xlsx = await admin.GetByteArrayAsync("/api/reports/pledges?by=gender,country&format=xlsx");
        var rows = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(6.0, Convert.ToDouble(rows.Single(r => (string)r["gender"] == "female")["count"], CultureInfo.InvariantCulture));
        Assert.Equal("<5", rows.Single(r => (string)r["gender"] == "male")["amountUsd"]);
    }

    [SkippableFact]
    public async Task Funnel_by_gender_goes_from_sent_to_fulfilled()
    {
        var admin = _host.AdminClient();
        TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-B", "KR", Phone: "+821012345670"));
        var id = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "batken", name = "Water" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{id}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(async () => (long)(await admin.GetJson($"/api/campaigns/{id}"))["counts"]!["sent"]! == 1);
        var funnel = (await admin.GetJson($"/api/reports/funnel?campaignId={id}"))["rows"]!.AsArray();
        Assert.Equal(["female", "male", "other", "unknown"], funnel.Select(r => (string)r!["gender"]!));
        Assert.Equal(1, (long)funnel[0]!["sent"]!);
        Assert.Equal(0, (long)funnel[0]!["fulfilled"]!);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
