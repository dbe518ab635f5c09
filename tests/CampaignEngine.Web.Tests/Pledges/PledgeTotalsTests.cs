using System.Data.Common;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Privacy;
using CampaignEngine.Web.Features.Reports;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Pledges;

public sealed class PledgeTotalsTestsOnSqlite() : PledgeTotalsTests(TestHost.Sqlite);

public sealed class PledgeTotalsTestsOnPostgreSql() : PledgeTotalsTests(TestHost.PostgreSql);

/// <summary>
/// The report by gender from the totals kept by triggers (migration 0020) against the detail query over the
/// pledges, after random inserts, status changes, fulfilments, corrections of the snapshot, deletions and erasure.
/// </summary>
public abstract class PledgeTotalsTests : IDisposable
{
    private static readonly string[] Statuses = ["pledged", "confirmed", "partially_fulfilled", "fulfilled", "cancelled", "written_off"];
    private readonly TestHost _host;
    private readonly Random _random = new(11);
    private readonly CurrentUser _admin = new(1, "admin", Roles.Admin, null, null);
    private readonly List<long> _people = [];

    protected PledgeTotalsTests(string engine)
    {
        _host = new(engine);
        _ = _host.Server;
        for (var i = 0; i < 60; i++)
            _people.Add(TestCompatriots.Insert(_host, new($"Person {i}", Vocabulary.Genders[i % 4], i % 3 == 0 ? "KG-Y" : "KG-N", "RU")));
    }

    [SkippableFact]
    public void Totals_by_gender_equal_the_detail_query_through_random_writes()
    {
        var report = _host.Services.GetRequiredService<PledgeReport>();
        using var connection = Open();
        for (var i = 0; i < 400; i++) InsertPledge(connection);
        AssertSame(report);
        for (var i = 0; i < 40; i++) InsertSeveral(connection);
        AssertSame(report);

        for (var round = 0; round < 8; round++)
        {
            for (var op = 0; op < 60; op++)
            {
                var id = connection.ExecuteScalar<long?>("SELECT id FROM pledge ORDER BY random() LIMIT 1");
                if (id is null) { InsertPledge(connection); continue; }
                switch (_random.Next(10))
                {
                    case 0: InsertPledge(connection); break;
                    case 1: connection.Execute("UPDATE pledge SET status = @status WHERE id = @id", new { id, status = Statuses[_random.Next(Statuses.Length)] }); break;
                    case 2: connection.Execute("UPDATE pledge SET fulfilled_usd = COALESCE(amount_usd, 0), status = 'fulfilled' WHERE id = @id", new { id }); break;
                    case 3: connection.Execute("UPDATE pledge SET gender = @gender WHERE id = @id", new { id, gender = Vocabulary.Genders[_random.Next(4)] }); break;
                    case 4: connection.Execute("UPDATE pledge SET compatriot_id = @who WHERE id = @id", new { id, who = _people[_random.Next(_people.Count)] }); break;
                    case 5: connection.Execute("UPDATE pledge SET amount_usd = @usd, amount_kgs = @kgs, hours = @hours WHERE id = @id",
                        new { id, usd = Cents(), kgs = Cents(), hours = _random.Next(3) == 0 ? null : (int?)_random.Next(0, 50) }); break;
                    case 6: connection.Execute("DELETE FROM pledge WHERE id = @id", new { id }); break;
                    case 7: connection.Execute("UPDATE pledge SET status = 'pledged', updated_at = 'x' WHERE id = @id", new { id }); break;
                    case 9: InsertSeveral(connection); break;
                    default: connection.Execute("UPDATE pledge SET description = 'not counted' WHERE id = @id", new { id }); break;
                }
            }
            // Through the product too: a cancellation with its reason, and a person's erasure (their pledges stay).
            if (connection.ExecuteScalar<long?>("SELECT id FROM pledge WHERE status = 'pledged' LIMIT 1") is { } open)
                _host.Services.GetRequiredService<PledgeStore>().Close(open, "cancelled", "changed their mind", DateTimeOffset.UtcNow);
            AssertSame(report);
        }
        _host.Services.GetRequiredService<PersonalData>().Erase(_people[0]);
        AssertSame(report);
        Assert.True(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pledge_total WHERE pledges > 0") > 0);
    }

    [SkippableFact]
    public void A_value_the_totals_cannot_sum_exactly_sends_the_report_to_the_detail_query()
    {
        var report = _host.Services.GetRequiredService<PledgeReport>();
        using var connection = Open();
        for (var i = 0; i < 50; i++) InsertPledge(connection);
        var fractional = InsertPledge(connection, hours: 1.5, status: "pledged");
        var subCent = InsertPledge(connection, usd: 10.001, status: "confirmed");
        AssertSame(report);
        Assert.Equal(2, connection.ExecuteScalar<long>("SELECT SUM(inexact) FROM pledge_total"));
        connection.Execute("UPDATE pledge SET hours = 2 WHERE id = @fractional", new { fractional });
        connection.Execute("UPDATE pledge SET status = 'cancelled' WHERE id = @subCent", new { subCent });
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT SUM(inexact) FROM pledge_total"));
        AssertSame(report);
    }

    [SkippableFact]
    public void Other_queries_and_scopes_still_read_the_pledges()
    {
        var report = _host.Services.GetRequiredService<PledgeReport>();
        using var connection = Open();
        for (var i = 0; i < 100; i++) InsertPledge(connection);
        // Totals hold nothing per region or campaign: a deliberately wrong total must not show in these.
        connection.Execute("UPDATE pledge_total SET pledges = pledges + 1000");
        var oblast = new CurrentUser(2, "oblast", Roles.Oblast, "KG-Y", null);
        Assert.Equal(Json(report.Detail(new(["gender"], null, null, null), oblast)), Json(report.Run(new(["gender"], null, null, null), oblast)));
        Assert.Equal(Json(report.Detail(new(["gender", "status"], null, null, null), _admin)), Json(report.Run(new(["gender", "status"], null, null, null), _admin)));
        Assert.Equal(Json(report.Detail(new(["gender"], null, DateTimeOffset.UtcNow.AddDays(-1), null), _admin)),
            Json(report.Run(new(["gender"], null, DateTimeOffset.UtcNow.AddDays(-1), null), _admin)));
        Assert.NotEqual(Json(report.Detail(new(["gender"], null, null, null), _admin)), Json(report.Run(new(["gender"], null, null, null), _admin)));
    }

    [SkippableFact]
    public async Task The_report_api_filters_by_home_region_and_country_and_names_an_unknown_one()
    {
        using var connection = Open();
        for (var i = 0; i < 120; i++) InsertPledge(connection);
        connection.Execute("UPDATE pledge SET country = 'KZ' WHERE id % 3 = 0");
        var live = "status NOT IN ('cancelled', 'written_off')";
        var client = _host.AdminClient();

        async Task<long> Count(string query) => (await client.GetJson($"/api/reports/pledges?by=gender{query}"))["rows"]!.AsArray().Sum(r => (long)r!["count"]!);
        Assert.Equal(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM pledge WHERE {live} AND home_region = 'KG-Y'"), await Count("&homeRegion=KG-Y"));
        Assert.Equal(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM pledge WHERE {live} AND home_region = 'KG-Y'"), await Count("&homeRegion=issyk-kul"));
        Assert.Equal(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM pledge WHERE {live} AND country = 'KZ'"), await Count("&country=kz"));
        Assert.Equal(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM pledge WHERE {live} AND country = 'RU' AND home_region = 'KG-Y'"),
            await Count("&country=RU&homeRegion=KG-Y"));

        var unknownRegion = await client.GetAsync("/api/reports/pledges?homeRegion=KG-XX");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknownRegion.StatusCode);
        Assert.Contains("homeRegion", await unknownRegion.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknownCountry = await client.GetAsync("/api/reports/pledges?country=ZZ");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknownCountry.StatusCode);
        Assert.Contains("country", await unknownCountry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_report_filtered_by_date_region_or_country_reads_the_table_not_the_gender_index_row_by_row()
    {
        Assert.True(PledgeReport.WalksTheTable(new(["gender"], null, null, null, HomeRegion: "KG-Y")));
        Assert.True(PledgeReport.WalksTheTable(new(["gender"], null, DateTimeOffset.UtcNow, null)));
        Assert.True(PledgeReport.WalksTheTable(new(["gender"], null, null, null, Country: "RU")));
        Assert.False(PledgeReport.WalksTheTable(new(["gender"], 7, null, null, HomeRegion: "KG-Y")));
        Assert.False(PledgeReport.WalksTheTable(new(["gender"], null, null, null)));
        // The same answer either way, on random pledges.
        var report = _host.Services.GetRequiredService<PledgeReport>();
        using var connection = Open();
        for (var i = 0; i < 150; i++) InsertPledge(connection);
        var query = new PledgeReport.Query(["gender"], null, DateTimeOffset.UtcNow.AddDays(-10), null, HomeRegion: "KG-Y");
        var expected = connection.Query<(string Gender, long Count)>(
            "SELECT gender, COUNT(*) FROM pledge WHERE status NOT IN ('cancelled', 'written_off') AND home_region = 'KG-Y' AND created_at >= @from GROUP BY gender",
            new { from = query.From }).ToDictionary(r => r.Gender, r => r.Count);
        Assert.All(report.Run(query, _admin), r => Assert.Equal(expected.GetValueOrDefault((string)r["gender"]!), (long)r["count"]!));
    }

    private void AssertSame(PledgeReport report) => PledgeReportAssert.SameAsDetail(report, new PledgeReport.Query(["gender"], null, null, null), _admin);

    private static string Json(IReadOnlyList<IDictionary<string, object?>> rows) => PledgeReportAssert.Json(rows);

    private double? Cents() => _random.Next(4) == 0 ? null : Math.Round(_random.NextDouble() * 2_000, 2);

    private long InsertPledge(DbConnection connection, double? hours = null, double? usd = null, string? status = null)
    {
        var parameters = new DynamicParameters();
        var values = PledgeValues(parameters, "", hours, usd, status);
        return connection.ExecuteScalar<long>($"INSERT INTO pledge ({PledgeColumns}) VALUES {values} RETURNING id", parameters);
    }

    /// <summary>
    /// Several pledges in one statement, as the intake writes a group: some the same person's, so that one statement adds
    /// a person's first pledges of a gender together (PostgreSQL counts them per statement: migration 0059).
    /// </summary>
    private void InsertSeveral(DbConnection connection)
    {
        var parameters = new DynamicParameters();
        var rows = Enumerable.Range(0, _random.Next(2, 9)).Select(i => PledgeValues(parameters, $"_{i}", null, null, null)).ToList();
        if (_random.Next(2) == 0)
        {
            parameters.Add("who_1", parameters.Get<long>("who_0"));
            parameters.Add("gender_1", parameters.Get<string>("gender_0"));
        }
        connection.Execute($"INSERT INTO pledge ({PledgeColumns}) VALUES {string.Join(", ", rows)}", parameters);
    }

    private const string PledgeColumns =
        "compatriot_id, kind, amount_usd, amount_kgs, fulfilled_usd, hours, status, recorded_by, gender, age_band, home_region, country, created_at";

    // One row's values as parameters named with the suffix; the row's VALUES tuple.
    private string PledgeValues(DynamicParameters parameters, string suffix, double? hours, double? usd, string? status)
    {
        var kind = new[] { "money", "time", "in_kind" }[_random.Next(3)];
        parameters.Add("who" + suffix, _people[_random.Next(_people.Count)]);
        parameters.Add("kind" + suffix, kind);
        parameters.Add("usd" + suffix, usd ?? (kind == "money" ? Cents() : null));
        parameters.Add("kgs" + suffix, kind == "money" ? Cents() : null);
        parameters.Add("fulfilledUsd" + suffix, _random.Next(3) == 0 ? Math.Round(_random.NextDouble() * 100, 2) : (_random.Next(2) == 0 ? 0 : 25));
        parameters.Add("hours" + suffix, hours is { } h ? (object)h : kind == "time" ? _random.Next(1, 40) : null);
        parameters.Add("status" + suffix, status ?? Statuses[_random.Next(Statuses.Length)]);
        parameters.Add("gender" + suffix, Vocabulary.Genders[_random.Next(4)]);
        parameters.Add("region" + suffix, _random.Next(2) == 0 ? "KG-Y" : null);
        parameters.Add("at" + suffix, DateTimeOffset.UtcNow.AddDays(-_random.Next(30)).ToString("O"));
        return $"(@who{suffix}, @kind{suffix}, @usd{suffix}, @kgs{suffix}, @fulfilledUsd{suffix}, @hours{suffix}, @status{suffix}, 'self', " +
               $"@gender{suffix}, '30-39', @region{suffix}, 'RU', @at{suffix})";
    }

    private DbConnection Open() => PledgeReportAssert.Open(_host);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
