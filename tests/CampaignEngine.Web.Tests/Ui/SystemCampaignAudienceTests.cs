using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Ui;

public sealed class SystemCampaignAudienceTestsOnSqlite() : SystemCampaignAudienceTests(TestHost.Sqlite);

public sealed class SystemCampaignAudienceTestsOnPostgreSql() : SystemCampaignAudienceTests(TestHost.PostgreSql);

public abstract class SystemCampaignAudienceTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_certificate_delivery_campaign_shows_the_one_holder_it_writes_to_not_the_whole_region()
    {
        var holder = TestCompatriots.Insert(_host, new TestCompatriot("Айгүл Өмүрбекова", "female", "KG-Y", "AE", Phone: "+971501230001"));
        for (var i = 0; i < 6; i++)
            TestCompatriots.Insert(_host, new TestCompatriot($"Жердеш {i}", "male", "KG-Y", "AE", Phone: $"+97150123001{i}"));
        var admin = _host.AdminClient();
        var issued = await admin.PostJson("/api/certificates", new
        {
            compatriotId = holder, moduleId = "issyk-kul", kind = "gratitude", reason = "Мектепке компьютер бергени үчүн", deliverToHolder = true,
        }, HttpStatusCode.Created);
        var campaignId = (long)issued["delivery"]!["campaignId"]!;

        var officer = await Security.Users.SignInAsync(_host, "officer-system", "officer");
        var page = await officer.GetStringAsync($"/campaigns/{campaignId}?lang=en");

        Assert.Contains("<span id=\"audience-total\">1</span>", page, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
