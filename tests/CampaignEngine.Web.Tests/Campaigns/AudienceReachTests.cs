using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class AudienceReachTestsOnSqlite() : AudienceReachTests(TestHost.Sqlite);

public sealed class AudienceReachTestsOnPostgreSql() : AudienceReachTests(TestHost.PostgreSql);

/// <summary>
/// The preview counts from the reach mask (index 0019, priority applied in C#) against the query it replaced
/// (the channel CASE per row, grouped in SQL), on people with every mix of consents, empty and missing addresses
/// and missing fields, for every order of every set of channels; one person in seven ranks the channels their own way
/// (their page's preferences), which the launch's SQL and the preview's correction must read alike.
/// Runs on both engines (ADR 0012): one subclass per engine above.
/// </summary>
public abstract class AudienceReachTests : IDisposable
{
    private static readonly string[] Regions = ["KG-Y", "KG-N", "KG-T", "KG-C"];
    private static readonly string[] Countries = ["RU", "KZ", "AE", "CN", "US"];
    private readonly TestHost _host;

    protected AudienceReachTests(string engine)
    {
        _host = new TestHost(engine);
        _ = _host.Server;
        var random = new Random(7);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        string? Address(string value) => random.Next(4) switch { 0 => null, 1 => "", _ => value };
        for (var i = 0; i < 1_500; i++)
        {
            var id = connection.ExecuteScalar<long>("""
                INSERT INTO directory_compatriot (external_id, full_name, gender, birth_year, home_region, country, time_zone, language,
                    willing, organization_id, email, phone, telegram, consent_whatsapp, consent_telegram, consent_sms, consent_email, created_at, updated_at)
                VALUES (@ext, 'Test', @gender, @birthYear, @region, @country, 'UTC', @language, @willing, NULL, @email, @phone, @telegram,
                    @wa, @tg, @sms, @em, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                RETURNING id
                """, new
            {
                ext = $"reach-{i}",
                gender = Vocabulary.Genders[random.Next(Vocabulary.Genders.Count)],
                birthYear = random.Next(5) == 0 ? (int?)null : random.Next(1950, 2006),
                region = random.Next(10) == 0 ? null : Regions[random.Next(Regions.Length)],
                country = Countries[random.Next(Countries.Length)],
                language = random.Next(2) == 0 ? "ky" : "ru",
                willing = random.Next(4) switch { 0 => null, 1 => "no", _ => "yes" },
                email = Address($"p{i}@example.kg"), phone = Address($"+99670000{i:D4}"), telegram = Address($"@p{i}"),
                wa = random.Next(2), tg = random.Next(2), sms = random.Next(2), em = random.Next(2),
            }, transaction);
            if (i % 7 != 3) continue;
            var own = Vocabulary.Channels.OrderBy(_ => random.Next()).Take(random.Next(1, Vocabulary.Channels.Count + 1));
            connection.Execute("""
                INSERT INTO directory_preference (compatriot_id, channel_order, updated_at) VALUES (@id, @order, '2026-01-01T00:00:00Z')
                """, new { id, order = string.Join(';', own) }, transaction);
        }
        transaction.Commit();
    }

    public static TheoryData<string> ChannelOrders()
    {
        var orders = new TheoryData<string>();
        void Add(List<string> prefix)
        {
            if (prefix.Count > 0) orders.Add(string.Join(";", prefix));
            foreach (var channel in Vocabulary.Channels.Where(c => !prefix.Contains(c))) Add([.. prefix, channel]);
        }
        Add([]);
        return orders;   // all 64 non-empty ordered choices
    }

    [SkippableTheory]
    [MemberData(nameof(ChannelOrders))]
    public void Preview_counts_equal_the_per_row_channel_query(string order)
    {
        var channels = order.Split(';');
        var national = Module("national") with { Regions = Regions, Countries = Countries };
        foreach (var segment in Segments())
        {
            var preview = _host.Services.GetRequiredService<Audience>().Preview(national, segment, channels, null);
            var expected = OldPreview(national, segment, channels);
            Assert.Equal(expected.Select(Describe), preview.Cells.Select(Describe));
            Assert.Equal(expected.Sum(c => c.Count), preview.Total);
        }
    }

    [SkippableFact]
    public void The_mask_picks_the_channel_the_launch_picks_for_every_person()
    {
        using var connection = Open();
        foreach (var order in ChannelOrders())
        {
            var channels = order.Split(';');
            var people = connection.Query<(long Mask, string? Own, string? Chosen)>(
                $"SELECT {AudienceSql.ReachMask}, p.channel_order, {AudienceSql.ChosenChannel(channels)} FROM {AudienceSql.People}").ToList();
            Assert.Equal(1_500, people.Count);
            Assert.All(people, p => Assert.Equal(p.Chosen, AudienceSql.ChannelOf(p.Mask, AudienceSql.PersonalOrder(channels, p.Own?.Split(';')))));
        }
    }

    [SkippableFact]
    public void The_preview_groups_on_the_reach_index_without_sorting()
    {
        // SQLite's query plan (EXPLAIN QUERY PLAN); PostgreSQL plans by its statistics.
        Skip.If(_host.Engine == TestHost.PostgreSql, "a SQLite query plan");
        var filter = AudienceSql.Build(Module("national"), Segment.Everyone, 2026, null);
        using var connection = Open();
        connection.Execute("ANALYZE directory_compatriot");
        var plan = connection.Query<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + Audience.GroupsSql(filter.Where), filter.Parameters)
            .Select(r => r.Detail).ToList();
        Assert.Contains(plan, d => d.Contains("ix_compatriot_reach", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, d => d.Contains("TEMP B-TREE", StringComparison.Ordinal));
        // SQLite shows an expression index as "USING INDEX" although it takes the mask from the index; it reads a
        // table row only for the first person of each group (to output the group's values), a few hundred in all.
    }

    private static IEnumerable<Segment> Segments() =>
    [
        Segment.Everyone,
        new() { Genders = ["female", "unknown"] },
        new() { Languages = ["ru"], AgeBands = ["25-29", "60+", "unknown"] },
        new() { Willing = ["yes", "unknown"], Countries = ["KZ", "US"] },
    ];

    /// <summary>The query the preview ran before 0019: the channel CASE for every person (as the launch reads it, with their own order), grouped and ordered in SQL.</summary>
    private List<AudienceCell> OldPreview(ModuleManifest module, Segment segment, IReadOnlyList<string> channels)
    {
        var filter = AudienceSql.Build(module, segment, DateTime.UtcNow.Year, null);
        using var connection = Open();
        return connection.Query<AudienceCell>(SqlList.On(connection, $"""
            SELECT c.country AS Country, c.gender AS Gender,
                   COALESCE({AudienceSql.ChosenChannel(channels)}, '{AudiencePreview.Unreachable}') AS Channel,
                   COUNT(*) AS Count
            FROM {AudienceSql.People}
            WHERE {filter.Where}
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            """), filter.Parameters).ToList();
    }

    private static string Describe(AudienceCell c) => $"{c.Country}/{c.Gender}/{c.Channel}={c.Count}";

    private ModuleManifest Module(string id) => _host.Services.GetRequiredService<ModuleRegistry>().Find(id)!;

    private System.Data.Common.DbConnection Open()
    {
        var connection = _host.OpenDatabase();
        return connection;
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
