using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Pledges;

/// <summary>
/// On SQLite the public endpoint's pledges go in by groups through the one writer, and what a group costs is mostly the
/// pages it writes to the log (and the checkpointer copies back). A pledge from anyone in the directory must not land on
/// a page of its own in some index: ix_pledge_report (gender, person, status and amounts), which no report read any
/// more, put each pledge at a random place in a wide index, and dropping it (migration 0064) took a fifth of the intake's
/// time and most of its p99 away (docs/benchmarks.md, session 27).
/// </summary>
public sealed class PledgeGroupPagesTests : IDisposable
{
    private const int People = 400;
    private const int GroupSize = 10;
    private readonly TestHost _host = new();

    [Fact]
    public void A_group_of_pledges_from_people_all_over_the_directory_writes_under_two_and_a_quarter_pages_a_pledge_to_the_log()
    {
        var people = Directory();
        using var insert = new SqliteGroupInsert(_host.Services.GetRequiredService<Db>(), _host.Services.GetRequiredService<PledgeInserts>());
        var random = new Random(27);
        // A season of pledges first, so that every index spans many pages, as it does in use.
        for (var group = 0; group < 300; group++) insert.WriteAll(Group(people, random));

        var before = insert.PagesWritten();
        const int groups = 100;
        for (var group = 0; group < groups; group++) insert.WriteAll(Group(people, random));
        var perPledge = (insert.PagesWritten() - before) / (double)(groups * GroupSize);

        // 1.83 now: the table, its person index, the donors' and the totals' rows. With ix_pledge_report, 2.85.
        Assert.True(perPledge < 2.25, $"{perPledge:0.00} pages written to the log per pledge, in groups of {GroupSize} from {People} people.");
    }

    private List<(long Id, string Gender)> Directory()
    {
        _ = _host.Server;   // the host creates the schema when it starts
        using var connection = _host.OpenDatabase();
        return Enumerable.Range(0, People)
            .Select(i => (i % 2 == 0 ? "female" : "male", i % 3 == 0 ? "KG-Y" : "KG-N"))
            .Select(p => (TestCompatriots.Insert(connection, new TestCompatriot("Айгүл", p.Item1, p.Item2, "AE")), p.Item1))
            .ToList();
    }

    private static List<NewPledge> Group(List<(long Id, string Gender)> people, Random random) =>
        Enumerable.Range(0, GroupSize).Select(_ => people[random.Next(people.Count)]).Select(p => new NewPledge(
            p.Id, null, null, "money", null, 10m + random.Next(500), "USD", 10m, 870m, null, null, null, null, null, null, null, "self",
            null, p.Gender, "25-34", "KG-Y", "AE", false, DateTimeOffset.UtcNow)).ToList();

    public void Dispose() => _host.Dispose();
}
