using System.Net;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.MyPage;

public sealed class MonthlyCapRaceTestsOnSqlite() : MonthlyCapRaceTests(TestHost.Sqlite);

public sealed class MonthlyCapRaceTestsOnPostgreSql() : MonthlyCapRaceTests(TestHost.PostgreSql);

/// <summary>
/// "At most N messages a month" holds when campaigns dispatch at the same moment: two real dispatches on two threads,
/// on the real SQLite file, each claiming small batches so that their claims, renders and writes interleave, for people
/// with a cap of one (nothing sent yet) and of two (one message already sent this month). Nobody gets more than their
/// cap, everyone gets exactly what it allows, and the messages held back are skipped as "capped". Several rounds with
/// new people: counting the ledger before sending (the code before the cap's counter) let both dispatches through for
/// most people of every round.
/// </summary>
public abstract class MonthlyCapRaceTests(string engine) : IDisposable
{
    private const int Rounds = 4;
    private const int PeoplePerCap = 12;

    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000", ["Sending:BatchSize"] = "3" } };

    [SkippableFact]
    public async Task Two_campaigns_dispatching_at_once_never_send_a_person_more_than_their_monthly_cap()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var capOne = await PeopleAsync(round, "female", cap: 1);
            var capTwo = await PeopleAsync(round, "male", cap: 2);
            // The people capped at two already had a message this month.
            var earlier = await DueCampaignAsync($"Earlier {round}", new { genders = new[] { "male" } });
            await DispatchAsync(earlier);
            Assert.All(capTwo, person => Assert.Equal(1, Sent(person)));

            var first = await DueCampaignAsync($"First {round}", null);
            var second = await DueCampaignAsync($"Second {round}", null);
            await Task.WhenAll(Task.Run(() => DispatchAsync(first)), Task.Run(() => DispatchAsync(second)));
            Assert.Equal(0, Pending(first) + Pending(second));

            var people = capOne.Concat(capTwo).ToList();
            var tooMany = people.Where(p => Sent(p) > Cap(p)).Select(p => $"person {p} got {Sent(p)}, cap {Cap(p)}").ToList();
            Assert.True(tooMany.Count == 0, $"round {round}: {tooMany.Count} of {people.Count} people got more than their cap:\n{string.Join('\n', tooMany)}");
            foreach (var person in people)
            {
                Assert.Equal(Cap(person), Sent(person));
                Assert.Equal(1L, Count("""
                    SELECT COUNT(*) FROM send_message WHERE compatriot_id = @person AND campaign_id IN (@first, @second) AND status = 'skipped' AND error = 'capped'
                    """, new { person, first, second }));
                // The counter says what the ledger sent, which the preview of the next campaign counts.
                Assert.Equal(Cap(person), Count("SELECT taken FROM send_person_month WHERE compatriot_id = @person", new { person }));
            }
        }
        var next = await MyPageKit.CampaignAsync(_host, "Next", "email");
        var audience = await _host.AdminClient().GetJson($"/api/campaigns/{next}/audience");
        Assert.Equal(Rounds * PeoplePerCap * 2, (long)audience["capped"]!);
    }

    private readonly Dictionary<long, int> _caps = [];

    private int Cap(long person) => _caps[person];

    /// <summary>People of the module's audience who set their cap on their own page.</summary>
    private async Task<List<long>> PeopleAsync(int round, string gender, int cap)
    {
        var people = new List<long>();
        for (var i = 0; i < PeoplePerCap; i++)
        {
            var person = TestCompatriots.Insert(_host, new($"{gender} {round}-{i}", gender, "KG-Y", "AE", Email: $"{gender}.{round}.{i}@example.org", Channels: "email"));
            (await MyPageKit.PostJsonAsync(_host, MyPageKit.LinkOf(_host, person), $$"""{"maxPerMonth":{{cap}}}""")).EnsureSuccessStatusCode();
            _caps[person] = cap;
            people.Add(person);
        }
        return people;
    }

    /// <summary>A campaign launched for later, then made due now, so that the test starts its dispatch itself.</summary>
    private async Task<long> DueCampaignAsync(string name, object? segment)
    {
        var admin = _host.AdminClient();
        var campaign = (long)(await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name, channels = new[] { "email" }, segment }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/campaigns/{campaign}/launch", new { at = DateTimeOffset.UtcNow.AddDays(1) }, HttpStatusCode.Accepted);
        Count("UPDATE send_message SET not_before = '2026-01-01T00:00:00.000Z' WHERE campaign_id = @campaign", new { campaign });
        Count("UPDATE campaign SET launch_at = '2026-01-01T00:00:00.000Z' WHERE id = @campaign", new { campaign });
        return campaign;
    }

    private async Task DispatchAsync(long campaign)
    {
        using var scope = _host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Dispatcher>().DispatchCampaignAsync(campaign, CancellationToken.None);
    }

    private int Sent(long person) => (int)Count("SELECT COUNT(*) FROM send_message WHERE compatriot_id = @person AND status = 'sent'", new { person });

    private long Pending(long campaign) => Count("SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaign AND status IN ('pending', 'sending')", new { campaign });

    private long Count(string sql, object parameters) => TestCompatriots.Scalar(_host, sql, parameters);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
