using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Pledges;

/// <summary>
/// Two hosts on one PostgreSQL write their groups of pledges at the same moment. Each row's trigger adds it to its
/// gender's total and holds that row to the commit, so groups that meet the genders in opposite orders deadlocked
/// (PostgreSQL then fails one, and its writer falls back to one row per transaction: intake over two hosts fell to a
/// twentieth). SQLite has one writer at a time and cannot meet this.
/// </summary>
public sealed class PledgeGroupOrderTests : IDisposable
{
    private const int Rounds = 12;
    private const int PerGender = 40;
    private readonly TestHost _host = new(TestHost.PostgreSql);

    [SkippableFact]
    public async Task Two_writers_with_groups_in_opposite_gender_order_never_deadlock_and_every_pledge_is_counted_once()
    {
        var db = _host.Services.GetRequiredService<Db>();
        var owner = _host.Services.GetRequiredService<PledgeInserts>();
        var people = new Dictionary<string, long>
        {
            ["female"] = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-Y", "AE")),
            ["male"] = TestCompatriots.Insert(_host, new("Азамат", "male", "KG-Y", "AE")),
        };
        using var first = new PostgreSqlGroupInsert(db, owner);
        using var second = new PostgreSqlGroupInsert(db, owner);
        using var start = new Barrier(2);

        void Write(PostgreSqlGroupInsert insert, string firstGender, string thenGender)
        {
            try
            {
                for (var round = 0; round < Rounds; round++)
                {
                    var group = Rows(people[firstGender], firstGender, PerGender).Concat(Rows(people[thenGender], thenGender, PerGender)).ToList();
                    start.SignalAndWait();
                    var (ids, _) = insert.WriteAll(group);
                    Assert.All(ids, id => Assert.NotNull(id));
                }
            }
            finally
            {
                start.RemoveParticipant();   // a writer that failed must not leave the other waiting at the barrier
            }
        }

        await Task.WhenAll(
            Task.Run(() => Write(first, "female", "male")),
            Task.Run(() => Write(second, "male", "female")));

        using var connection = _host.OpenDatabase();
        var written = 2 * Rounds * PerGender * 2;   // two writers, each group both genders
        Assert.Equal(written, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pledge"));
        Assert.Equal(written / 2, connection.ExecuteScalar<long>("SELECT pledges FROM pledge_total WHERE gender = 'female'"));
        Assert.Equal(written / 2, connection.ExecuteScalar<long>("SELECT pledges FROM pledge_total WHERE gender = 'male'"));
    }

    /// <summary>
    /// The writer keeps its group's statements prepared on its own connection: each group's insert and link counts are
    /// bound and run, not parsed and planned again (a fifth more pledges a second through the public endpoint).
    /// </summary>
    [SkippableFact]
    public void A_writer_counts_the_links_and_inserts_a_group_in_one_statement_prepared_once_on_its_own_connection()
    {
        var (person, message) = PersonWithLink();
        using var insert = new PostgreSqlGroupInsert(_host.Services.GetRequiredService<Db>(), _host.Services.GetRequiredService<PledgeInserts>());
        for (var group = 0; group < 3; group++)
        {
            var rows = Rows(person, "female", 2).Select(row => row with { MessageId = message, PerLinkPerDay = 100 }).ToList();
            Assert.All(insert.WriteAll(rows).Ids, id => Assert.NotNull(id));
        }

        // One statement counts the links and inserts the group: nothing else was prepared, so nothing else ran per group.
        var prepared = Assert.Single(insert.PreparedOnServer());
        Assert.Contains("pledge_links_admit(", prepared, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO pledge (id", prepared, StringComparison.Ordinal);
        Assert.Equal(6L, TestCompatriots.Scalar(_host, "SELECT pledges FROM pledge_link_day WHERE message_id = @message", new { message }));
    }

    /// <summary>
    /// Within one group, a link's pledges count in the rows' order: once its day reaches the bound the rest of the
    /// link's rows get no id, a bound below one refuses at once, and a row without a link goes in uncounted.
    /// </summary>
    [SkippableFact]
    public void A_group_admits_each_links_pledges_in_order_until_the_day_reaches_its_bound()
    {
        var (person, message) = PersonWithLink();
        using var insert = new PostgreSqlGroupInsert(_host.Services.GetRequiredService<Db>(), _host.Services.GetRequiredService<PledgeInserts>());
        var link = Rows(person, "female", 1).Single() with { MessageId = message, PerLinkPerDay = 3 };
        Assert.NotNull(Assert.Single(insert.WriteAll([link]).Ids));

        var unlinked = Rows(person, "female", 1).Single();
        var (ids, _) = insert.WriteAll([link, unlinked, link with { PerLinkPerDay = 0 }, link, link, unlinked]);

        Assert.Equal([true, true, false, true, false, true], ids.Select(id => id is not null));
        Assert.Equal(3L, TestCompatriots.Scalar(_host, "SELECT pledges FROM pledge_link_day WHERE message_id = @message", new { message }));
        Assert.Equal(5L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE compatriot_id = @person", new { person }));
        using var read = _host.OpenDatabase();
        var second = read.Query<long?>("SELECT id FROM pledge WHERE id > (SELECT MIN(id) FROM pledge) ORDER BY id");
        Assert.Equal(ids.Where(id => id is not null).Order(), second);
    }

    /// <summary>A person and the id of the message a national campaign delivered to them: their link.</summary>
    private (long Person, long Message) PersonWithLink()
    {
        var person = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-Y", "AE"));
        var token = Projects.ProjectTestKit.DeliveredCampaign(_host, "national", person).Tokens[person];
        using var connection = _host.OpenDatabase();
        return (person, connection.ExecuteScalar<long>("SELECT id FROM send_message WHERE token = @token", new { token }));
    }

    private static IEnumerable<NewPledge> Rows(long person, string gender, int count) =>
        Enumerable.Range(0, count).Select(_ => new NewPledge(
            person, null, null, "money", null, 10m, "USD", 10m, 870m, null, null, null, null, null, null, null, "officer", null,
            gender, "25-34", "KG-Y", "AE", false, DateTimeOffset.UtcNow));

    public void Dispose() => _host.Dispose();
}
