using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using System.Data;
using System.Data.Common;
using ClaimedMessage = CampaignEngine.Web.Features.Sending.Dispatcher.ClaimedMessage;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// Taking a campaign's due messages for sending (pending → sending), and giving back a batch that was never sent.
/// The claim and the monthly cap's places (<see cref="MonthlyCap"/>) are one transaction: a message is claimed with its
/// place under its person's cap, or claimed as over the cap, never one without the other.
/// </summary>
internal static class LedgerClaim
{
    public static List<ClaimedMessage> Claim(DbConnection connection, long campaignId, DateTimeOffset now, int limit, string host)
    {
        using var transaction = connection.BeginTransaction();
        var (messages, candidates) = ClaimRows(connection, transaction, campaignId, now, limit, host);
        if (candidates.Count > 0 && !PersonalLimits.Exempt(Purpose(connection, transaction, campaignId)))
        {
            var taken = MonthlyCap.Take(connection, transaction, candidates, now);
            var capped = candidates.Select(c => c.MessageId).ToHashSet();
            for (var i = 0; i < messages.Count; i++)
                if (capped.Contains(messages[i].Id))
                    messages[i] = taken.TryGetValue(messages[i].Id, out var month) ? messages[i] with { CapMonth = month } : messages[i] with { OverCap = true };
        }
        transaction.Commit();
        return messages;
    }

    /// <summary>The claim itself, one statement; each row comes with its person's monthly cap, for the few who set one.</summary>
    private static (List<ClaimedMessage>, List<MonthlyCap.Candidate>) ClaimRows(
        DbConnection connection, DbTransaction transaction, long campaignId, DateTimeOffset now, int limit, string host)
    {
        using var command = SendingSql.Of(connection).ClaimCommand(connection, transaction, campaignId, now, limit, host);
        var messages = new List<ClaimedMessage>(limit);
        var candidates = new List<MonthlyCap.Candidate>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var message = new ClaimedMessage(reader.GetInt64(0), campaignId, reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
            messages.Add(message);
            if (!reader.IsDBNull(5)) candidates.Add(new MonthlyCap.Candidate(message.Id, message.CompatriotId, (int)reader.GetInt64(5)));
        }
        return (messages, candidates);
    }

    private static string Purpose(DbConnection connection, DbTransaction transaction, long campaignId) =>
        connection.ExecuteScalar<string>("SELECT purpose FROM campaign WHERE id = @campaignId", new { campaignId }, transaction)!;

    /// <summary>Gives a claimed batch that was never sent back to the queue, as if it had not been claimed, places under caps too.</summary>
    public static void Release(DbConnection connection, List<ClaimedMessage> batch)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute("""
            UPDATE send_message SET status = 'pending', attempts = attempts - 1
            WHERE id IN (SELECT value FROM json_each(@ids)) AND status = 'sending'
            """, new { ids = JsonIds.Of(batch.Select(m => m.Id)) }, transaction);
        MonthlyCap.GiveBack(connection, transaction, Held(batch));
        transaction.Commit();
    }

    /// <summary>The places under a cap that <paramref name="messages"/> hold.</summary>
    public static List<(long MessageId, long CompatriotId, string Month)> Held(IEnumerable<ClaimedMessage> messages) =>
        [.. messages.Where(m => m.CapMonth is not null).Select(m => (m.Id, m.CompatriotId, m.CapMonth!))];

    /// <summary>
    /// Rows left 'sending' that nobody is sending any more (<see cref="SendingSql.Abandoned"/>: at SQLite's start all of
    /// them, on PostgreSQL those of hosts whose lease ran out) go back to the queue, and their places under monthly caps
    /// are given back, since claiming them again takes places anew; returns their campaigns. One statement picks and
    /// changes them, so two hosts recovering at once cannot both give a place back.
    /// </summary>
    public static IReadOnlyList<long> ReturnAbandoned(IDbConnection connection, IDbTransaction transaction, DateTimeOffset now)
    {
        // Per campaign, so that the lookup uses the claim's index (campaign_id, status, not_before).
        var returned = connection.Query<(long Id, long CampaignId, long CompatriotId, string? Month)>($"""
            UPDATE send_message SET status = 'pending'
            WHERE campaign_id IN (SELECT id FROM campaign) AND {SendingSql.Of(connection).Abandoned}
            RETURNING id, campaign_id, compatriot_id, counted_month
            """, new { now = now.ToDb() }, transaction).ToList();
        MonthlyCap.GiveBack(connection, transaction, [.. returned.Where(r => r.Month is not null).Select(r => (r.Id, r.CompatriotId, r.Month!))]);
        return [.. returned.Select(r => r.CampaignId).Distinct()];
    }
}
