using System.Data.Common;
using System.Text.Json;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Sending;

/// <summary>
/// A campaign sent all day opens at one instant for everyone, so all its rows are due at the same <c>not_before</c>.
/// PostgreSQL's claim used to order them by id as well, which its index does not hold: every claim read and sorted all
/// the campaign's due rows before taking its batch (the first claim of a million hit Npgsql's 30 s timeout). SQLite's
/// index holds the rowid, so its claim never sorted.
/// </summary>
public sealed class ClaimPlanTests : IDisposable
{
    private const int Due = 20_000;
    private const int Batch = 500;
    private readonly TestHost _host = new(TestHost.PostgreSql);

    // The rows open in 2099 and the test claims as of 2100: the host's own dispatch sweep, which runs on today's clock
    // for every sending campaign, finds none of them due and leaves them to the test.
    private const string Opens = "2099-01-01T00:00:00.000Z";
    private static readonly DateTimeOffset Now = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [SkippableFact]
    public void A_claim_among_many_rows_due_at_one_instant_reads_only_its_batch_off_the_index_and_sorts_nothing()
    {
        using var connection = _host.OpenDatabase();
        var campaignId = CampaignDueAtOnce(connection, Due);

        // Right after the bulk write, with no statistics on the new rows, as the first claim after a launch meets them.
        var plan = Plan(connection, campaignId);

        var nodes = PostgresPlan.Nodes(plan.RootElement[0].GetProperty("Plan")).ToList();
        Assert.DoesNotContain(nodes, n => n.GetProperty("Node Type").GetString()!.Contains("Sort", StringComparison.Ordinal));
        var scan = Assert.Single(nodes, n => n.TryGetProperty("Alias", out var alias) && alias.GetString() == "m");
        Assert.Equal("ix_send_campaign_status", scan.GetProperty("Index Name").GetString());
        Assert.Equal(Batch, scan.GetProperty("Actual Rows").GetInt64());
    }

    [SkippableFact]
    public void Claims_in_turn_take_every_row_due_at_one_instant_once()
    {
        using var connection = _host.OpenDatabase();
        var campaignId = CampaignDueAtOnce(connection, 2_000);

        var claimed = new List<long>();
        for (var batch = LedgerClaim.Claim(connection, campaignId, Now, Batch, "host-a"); batch.Count > 0;
             batch = LedgerClaim.Claim(connection, campaignId, Now, Batch, "host-a"))
            claimed.AddRange(batch.Select(m => m.Id));

        Assert.Equal(2_000, claimed.Count);
        Assert.Equal(2_000, claimed.Distinct().Count());
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM send_message WHERE campaign_id = @campaignId AND status = 'pending'", new { campaignId }));
    }

    /// <summary>The claim as the dispatcher runs it, under <c>EXPLAIN ANALYZE</c>, in a transaction rolled back.</summary>
    private static JsonDocument Plan(DbConnection connection, long campaignId)
    {
        using var transaction = connection.BeginTransaction();
        using var claim = SendingSql.Of(connection).ClaimCommand(connection, transaction, campaignId, Now, Batch, "host-a");
        claim.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + claim.CommandText;
        var plan = JsonDocument.Parse((string)claim.ExecuteScalar()!);
        transaction.Rollback();
        return plan;
    }

    /// <summary>A sending campaign with <paramref name="count"/> people's rows, all pending and due at one instant, as a launch writes them.</summary>
    private long CampaignDueAtOnce(DbConnection connection, int count)
    {
        _ = _host.Services;   // the host starts and migrates its database
        connection.Execute("""
            INSERT INTO directory_compatriot (external_id, full_name, gender, birth_year, home_region, country, time_zone, language,
                email, consent_email, created_at, updated_at)
            SELECT 'claim-' || i, 'Person ' || i, 'female', 1990, 'KG-Y', 'AE', 'UTC', 'ky',
                'claim' || i || '@example.org', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
            FROM generate_series(1, @count) AS i
            """, new { count }, commandTimeout: 120);
        // The campaign and its rows in one commit, as a launch writes them: the host's sweep completes a sending
        // campaign it finds with no rows left, and it once ran between the two (the claims then found none).
        using (var transaction = connection.BeginTransaction())
        {
            var campaign = connection.ExecuteScalar<long>("""
                INSERT INTO campaign (module_id, name, template, segment_json, channels, status, created_at)
                VALUES ('national', 'all day', 'Салам', '{}', 'email', 'sending', '2026-01-01T00:00:00.000Z') RETURNING id
                """, transaction: transaction);
            connection.Execute("""
                INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, token)
                SELECT @campaign, id, 'email', 'ky', 'pending', @opens, 'claim-' || id
                FROM directory_compatriot WHERE external_id LIKE 'claim-%'
                """, new { campaign, opens = Opens }, transaction, commandTimeout: 120);
            transaction.Commit();
        }
        var campaignId = connection.ExecuteScalar<long>("SELECT MAX(id) FROM campaign WHERE name = 'all day'");
        // "host-a" holds a lease beyond the test: else the host's lease tick finds its claimed rows abandoned (no lease)
        // and returns them to the queue, and a later claim takes them again.
        connection.Execute("INSERT INTO send_host (host_id, lease_until) VALUES ('host-a', @until)", new { until = "2101-01-01T00:00:00.000Z" });
        return campaignId;
    }

    public void Dispose() => _host.Dispose();
}
