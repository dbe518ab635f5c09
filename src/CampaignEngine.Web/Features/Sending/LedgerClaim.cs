using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Data.Sqlite;
using ClaimedMessage = CampaignEngine.Web.Features.Sending.Dispatcher.ClaimedMessage;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// Taking a campaign's due messages for sending (pending → sending), and giving back a batch that was never sent.
/// The claim and the monthly cap's places (<see cref="MonthlyCap"/>) are one transaction: a message is claimed with its
/// place under its person's cap, or claimed as over the cap, never one without the other.
/// </summary>
internal static class LedgerClaim
{
    public static List<ClaimedMessage> Claim(SqliteConnection connection, long campaignId, DateTimeOffset now, int limit)
    {
        using var transaction = connection.BeginTransaction();
        var (messages, candidates) = ClaimRows(connection, transaction, campaignId, now, limit);
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
        SqliteConnection connection, SqliteTransaction transaction, long campaignId, DateTimeOffset now, int limit)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE send_message SET status = 'sending', attempts = attempts + 1
            WHERE id IN (
                SELECT m.id FROM send_message m
                WHERE m.campaign_id = $campaignId AND m.status = 'pending' AND m.not_before <= $now
                  AND EXISTS (SELECT 1 FROM campaign WHERE id = $campaignId AND status = 'sending')
                ORDER BY m.not_before, m.id
                LIMIT $limit)
            RETURNING id, compatriot_id, channel, token, attempts,
                      (SELECT p.max_per_month FROM directory_preference p WHERE p.compatriot_id = send_message.compatriot_id)
            """;
        command.Parameters.AddWithValue("$campaignId", campaignId);
        command.Parameters.AddWithValue("$now", now.ToDb());
        command.Parameters.AddWithValue("$limit", limit);
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

    private static string Purpose(SqliteConnection connection, SqliteTransaction transaction, long campaignId) =>
        connection.ExecuteScalar<string>("SELECT purpose FROM campaign WHERE id = @campaignId", new { campaignId }, transaction)!;

    /// <summary>Gives a claimed batch that was never sent back to the queue, as if it had not been claimed, places under caps too.</summary>
    public static void Release(SqliteConnection connection, List<ClaimedMessage> batch)
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
}
