using System.Net;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.MyPage;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Privacy;

public sealed class ErasureRequestMidSendTestsOnSqlite() : ErasureRequestMidSendTests(TestHost.Sqlite);

public sealed class ErasureRequestMidSendTestsOnPostgreSql() : ErasureRequestMidSendTests(TestHost.PostgreSql);

/// <summary>
/// A person asks to be erased while a campaign still has messages waiting for them: from that moment the dispatcher
/// sends them nothing (checked at send time, as the pause and the cap are), the others still get theirs; staff confirm,
/// the complete erasure runs, and no table still names them.
/// </summary>
public abstract class ErasureRequestMidSendTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000" } };

    private const string Surname = "Бообекова", GivenName = "Чолпонай", Phone = "+971509998811", Email = "cholponai.b@example.kg", City = "Ajman";
    private static readonly string[] Traces = [Surname, GivenName, Phone, Email, City];

    [SkippableFact]
    public async Task Erasure_asked_in_the_middle_of_a_send_stops_what_waits_and_once_confirmed_leaves_no_trace()
    {
        var admin = _host.AdminClient();
        var person = TestCompatriots.Insert(_host, new($"{GivenName} {Surname}", "female", "KG-Y", "AE", Phone: Phone, Email: Email, Channels: "whatsapp;email", City: City));
        var other = TestCompatriots.Insert(_host, new("Нурбек Сатыбалдиев", "male", "KG-Y", "AE", Phone: "+971501110000"));
        var first = await MyPageKit.CampaignAsync(_host, "First", "whatsapp");
        await admin.PostJson($"/api/campaigns/{first}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(async () => (long)(await admin.GetJson($"/api/campaigns/{first}"))["counts"]!["sent"]! == 2);
        var token = MyPageKit.LinkOf(_host, person);
        var running = await MyPageKit.CampaignAsync(_host, "Running", "whatsapp");
        await admin.PostJson($"/api/campaigns/{running}/launch", new { at = DateTimeOffset.UtcNow.AddDays(1) }, HttpStatusCode.Accepted);
        Assert.Equal(2L, Count("SELECT COUNT(*) FROM send_message WHERE campaign_id = @running AND status = 'pending'", new { running }));

        var request = (long)(await _host.CreateClient().PostJson($"/me/{token}/erase", new { confirm = true }, HttpStatusCode.Created))["id"]!;
        // The campaign's time comes while the request waits: its messages are due, and the dispatcher runs.
        Count("UPDATE send_message SET not_before = '2026-01-01T00:00:00.000Z' WHERE campaign_id = @running", new { running });
        Count("UPDATE campaign SET launch_at = '2026-01-01T00:00:00.000Z' WHERE id = @running", new { running });
        using (var scope = _host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Dispatcher>().DispatchCampaignAsync(running, CancellationToken.None);

        Assert.Equal(1L, Count("""
            SELECT COUNT(*) FROM send_message WHERE campaign_id = @running AND compatriot_id = @person AND status = 'skipped' AND error = 'erasure-requested'
            """, new { running, person }));
        Assert.Equal(1L, Count("SELECT COUNT(*) FROM send_message WHERE campaign_id = @running AND compatriot_id = @other AND status = 'sent'", new { running, other }));
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM send_message WHERE compatriot_id = @person AND channel = 'email'", new { person }));
        Assert.Single(OutboxMessages.Read(_host.OutboxPath), m => m.To == Phone);

        await admin.PostJson($"/api/privacy/erasure-requests/{request}/confirm", new { }, HttpStatusCode.Accepted);
        await Eventually.True(async () => (string)(await admin.GetJson($"/api/privacy/erasure-requests/{request}"))["state"]! == "erased");

        Assert.Empty(DatabaseTraces.Find(_host, Traces));
        foreach (var file in Directory.GetFiles(_host.OutboxPath, "*.txt", SearchOption.AllDirectories))
            Assert.DoesNotContain(Traces, t => File.ReadAllText(file).Contains(t, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateClient().GetAsync($"/me/{token}")).StatusCode);
        var outcome = await admin.GetJson($"/api/privacy/erasure-requests/{request}");
        Assert.NotNull((string?)outcome["erasedAt"]);
        Assert.Equal(2L, Count("SELECT COUNT(*) FROM audit_log WHERE action IN ('privacy.erasure.confirm', 'privacy.erasure.done') AND subject = @subject",
            new { subject = $"erasure-request/{request}" }));
    }

    private long Count(string sql, object parameters) => TestCompatriots.Scalar(_host, sql, parameters);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
