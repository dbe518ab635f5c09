using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.MyPage;

public sealed class PersonalLimitsTestsOnSqlite() : PersonalLimitsTests(TestHost.Sqlite);

public sealed class PersonalLimitsTestsOnPostgreSql() : PersonalLimitsTests(TestHost.PostgreSql);

/// <summary>What a person asks on their own page is honoured by every campaign: the cap, the pause and their channel order.</summary>
public abstract class PersonalLimitsTests(string engine) : IDisposable
{
    // Certificates are delivered within the holder's 09:00–21:00, so the host runs at daytime whatever the hour.
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" }, Customize = DaytimeClock.Use };

    private long Person(string channels = "email") =>
        TestCompatriots.Insert(_host, new("Нурлан Асанов", "male", "KG-Y", "AE", Email: "nurlan@example.org", Channels: channels));

    private async Task<long> LaunchAsync(string name, params string[] channels)
    {
        var campaign = await MyPageKit.CampaignAsync(_host, name, channels);
        await _host.AdminClient().PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(() => Task.FromResult(TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaign AND status IN ('pending', 'sending')", new { campaign }) == 0));
        return campaign;
    }

    private long Messages(long campaign, string status, string? error = null) => TestCompatriots.Scalar(_host,
        "SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaign AND status = @status AND (@error IS NULL OR error = @error)",
        new { campaign, status, error });

    [SkippableFact]
    public async Task A_cap_of_one_a_month_lets_the_first_campaign_through_and_the_second_skips_the_person_as_the_preview_said()
    {
        var person = Person();
        var other = Person();
        var token = MyPageKit.LinkOf(_host, person);
        (await MyPageKit.PostJsonAsync(_host, token, """{"maxPerMonth":1}""")).EnsureSuccessStatusCode();

        var first = await LaunchAsync("First", "email");
        Assert.Equal(2, Messages(first, "sent"));
        // The message carries the person's own page, the same link the page is opened with.
        Assert.Contains(OutboxMessages.Read(_host.OutboxPath), m => m.Block.Contains($"/me/{token}", StringComparison.Ordinal));

        var second = await MyPageKit.CampaignAsync(_host, "Second", "email");
        var audience = await _host.AdminClient().GetJson($"/api/campaigns/{second}/audience");
        Assert.Equal(1, (long)audience["capped"]!);
        Assert.Equal(0, (long)audience["paused"]!);
        Assert.Equal(2, (long)audience["total"]!);
        await _host.AdminClient().PostJson($"/api/campaigns/{second}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(() => Task.FromResult(Messages(second, "pending") + Messages(second, "sending") == 0));

        Assert.Equal(1, Messages(second, "skipped", "capped"));
        Assert.Equal(1, Messages(second, "sent"));
        Assert.Equal(1L, TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM send_message WHERE campaign_id = @second AND compatriot_id = @other AND status = 'sent'", new { second, other }));
    }

    [SkippableFact]
    public async Task A_pause_until_a_later_day_skips_appeals_but_not_the_certificate_the_person_is_given()
    {
        var person = Person();
        var pausedUntil = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await MyPageKit.PostJsonAsync(_host, MyPageKit.LinkOf(_host, person), $$"""{"pausedUntil":"{{pausedUntil}}"}""")).EnsureSuccessStatusCode();
        var campaign = await MyPageKit.CampaignAsync(_host, "Paused", "email");

        var audience = await _host.AdminClient().GetJson($"/api/campaigns/{campaign}/audience");
        Assert.Equal(1, (long)audience["paused"]!);
        await _host.AdminClient().PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(() => Task.FromResult(Messages(campaign, "skipped", "paused") == 1));

        // A certificate delivery answers the person, not an appeal: it is exempt from the pause (PersonalLimits).
        await _host.AdminClient().PostJson("/api/certificates", new
        {
            compatriotId = person, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "Салым үчүн", deliverToHolder = true,
        }, HttpStatusCode.Created);
        await Eventually.True(() => Task.FromResult(TestCompatriots.Scalar(_host, """
            SELECT COUNT(*) FROM send_message m JOIN campaign k ON k.id = m.campaign_id
            WHERE k.purpose = 'certificate-delivery' AND m.compatriot_id = @person AND m.status = 'sent'
            """, new { person }) == 1));
    }

    [SkippableFact]
    public async Task The_persons_channel_order_picks_their_channel_at_launch_and_in_the_preview()
    {
        var person = Person(channels: "whatsapp;email");
        (await MyPageKit.PostJsonAsync(_host, MyPageKit.LinkOf(_host, person), """{"channelOrder":["email","whatsapp"]}""")).EnsureSuccessStatusCode();
        var byCampaign = Person(channels: "whatsapp;email");
        var campaign = await MyPageKit.CampaignAsync(_host, "Order", "whatsapp", "email");

        var audience = await _host.AdminClient().GetJson($"/api/campaigns/{campaign}/audience");
        Assert.Equal(1, (long)audience["byChannel"]!["email"]!);
        Assert.Equal(1, (long)audience["byChannel"]!["whatsapp"]!);
        await _host.AdminClient().PostJson($"/api/campaigns/{campaign}/launch", new { at = DateTimeOffset.UtcNow.AddDays(1) }, HttpStatusCode.Accepted);

        Assert.Equal(1L, TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM send_message WHERE compatriot_id = @person AND channel = 'email'", new { person }));
        Assert.Equal(1L, TestCompatriots.Scalar(_host,
            "SELECT COUNT(*) FROM send_message WHERE compatriot_id = @byCampaign AND channel = 'whatsapp'", new { byCampaign }));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
