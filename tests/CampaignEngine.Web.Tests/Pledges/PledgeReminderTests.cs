using System.Net;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Pledges;

public sealed class PledgeReminderTestsOnSqlite() : PledgeReminderTests(TestHost.Sqlite);

public sealed class PledgeReminderTestsOnPostgreSql() : PledgeReminderTests(TestHost.PostgreSql);

public abstract class PledgeReminderTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Open_monthly_pledges_get_one_reminder_a_month_through_the_send_pipeline()
    {
        var admin = _host.AdminClient();
        var monthly = TestCompatriots.Insert(_host, new("Нурлан Асанов", "male", "KG-Y", "RU", Phone: "+79141112233", TimeZone: "Asia/Yakutsk"));
        var oneOff = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-Y", "RU", Phone: "+79141112234"));
        var cancelled = TestCompatriots.Insert(_host, new("Бакыт", "male", "KG-N", "RU", Phone: "+79141112235"));
        await admin.PostJson("/api/pledges", new { compatriotId = monthly, kind = "money", amount = 1000, currency = "KGS", recurring = "monthly" }, HttpStatusCode.Created);
        await admin.PostJson("/api/pledges", new { compatriotId = oneOff, kind = "money", amount = 1000, currency = "KGS" }, HttpStatusCode.Created);
        var gone = (long)(await admin.PostJson("/api/pledges", new { compatriotId = cancelled, kind = "time", hours = 2, recurring = "monthly" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/pledges/{gone}/cancel", new { reason = "moved" }, HttpStatusCode.OK);
        // Made last month: this month's reminder is due.
        TestCompatriots.Scalar(_host, "UPDATE pledge SET created_at = '2000-01-01T00:00:00.000Z' RETURNING 1");

        var reminders = _host.Services.GetRequiredService<PledgeReminders>();
        Assert.Equal(1, reminders.Run());
        Assert.Equal(0, reminders.Run());   // a month is never reminded twice

        var campaignId = TestCompatriots.Scalar(_host, "SELECT id FROM campaign WHERE purpose = 'pledge-reminder'");
        var message = (await admin.GetJson($"/api/campaigns/{campaignId}/messages"))["items"]!.AsArray().Single()!;
        Assert.Equal(monthly, (long)message["compatriotId"]!);
        var campaign = await admin.GetJson($"/api/campaigns/{campaignId}");
        Assert.Equal("reminder", (string)campaign["template"]!);
        Assert.Equal("issyk-kul", (string)campaign["moduleId"]!);
        Assert.Equal("10:00", (string)campaign["window"]!["from"]!);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
