using System.Data;
using System.Globalization;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// A person's "at most N messages a month", taken one message at a time so that it holds however many dispatches run
/// at once (two campaigns, two workers, later two hosts on PostgreSQL). Each capped person has one counter row per
/// calendar month of their time zone (<c>send_person_month</c>); a message claimed for them takes a place with a
/// conditional <c>UPDATE … SET taken = taken + 1 WHERE taken &lt; cap</c>, in the transaction that claims it. That one
/// statement is the check and the take: on SQLite it runs under the one writer, on PostgreSQL the row lock makes a
/// second taker wait and read the first one's count. A message that finds no place is skipped as <c>capped</c>, the
/// reason the audience preview counts, and takes nothing.
/// <para>
/// The place is the message's (<c>send_message.counted_month</c>) from its claim to its outcome: kept when it is sent,
/// given back when it is not (skipped, failed, put back for a retry, released, left mid-send by a crash, or reported
/// undelivered later), so the counter says what the preview counts — messages sent this month — plus those on the
/// wire. A counter starts from the ledger's count of the month, so messages sent before it existed count too.
/// </para>
/// </summary>
internal static class MonthlyCap
{
    /// <summary>A claimed message whose person set a cap, with what taking a place for it needs.</summary>
    public readonly record struct Candidate(long MessageId, long CompatriotId, int Cap);

    /// <summary>The calendar month of <paramref name="now"/> in the person's zone: <c>yyyy-MM</c>.</summary>
    public static string MonthOf(string timeZone, DateTimeOffset now) =>
        PersonalLimits.MonthStart(timeZone, now).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// Takes a place for each candidate inside the claim's transaction; returns the month each one that got a place
    /// now holds (message id → month). A candidate missing from it is over the cap.
    /// </summary>
    public static Dictionary<long, string> Take(IDbConnection connection, IDbTransaction transaction, IReadOnlyList<Candidate> candidates, DateTimeOffset now)
    {
        var zones = connection.Query<(long Id, string TimeZone)>(
            "SELECT id, time_zone FROM directory_compatriot WHERE id IN (SELECT value FROM json_each(@ids))",
            new { ids = JsonIds.Of(candidates.Select(c => c.CompatriotId).Distinct()) }, transaction).ToDictionary(z => z.Id, z => z.TimeZone);
        var taken = new Dictionary<long, string>();
        foreach (var candidate in candidates)
        {
            var zone = zones.GetValueOrDefault(candidate.CompatriotId, "UTC");
            var month = MonthOf(zone, now);
            Open(connection, transaction, candidate.CompatriotId, zone, month, now);
            var took = connection.Execute("""
                UPDATE send_person_month SET taken = taken + 1
                WHERE compatriot_id = @CompatriotId AND month = @month AND taken < @Cap
                """, new { candidate.CompatriotId, month, candidate.Cap }, transaction);
            if (took == 1) taken[candidate.MessageId] = month;
        }
        if (taken.Count > 0)
            connection.Execute(SendingSql.Of(connection).SetCountedMonths, new { rows = System.Text.Json.JsonSerializer.Serialize(taken.Select(t => new object[] { t.Key, t.Value })) }, transaction);
        return taken;
    }

    /// <summary>
    /// The person's counter for the month, made the first time with what the ledger sent them since the month began
    /// (by the preview's rules); a counter already there is left as it is, however many hosts make it at once.
    /// </summary>
    private static void Open(IDbConnection connection, IDbTransaction transaction, long compatriotId, string zone, string month, DateTimeOffset now)
    {
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM send_person_month WHERE compatriot_id = @compatriotId AND month = @month",
                new { compatriotId, month }, transaction) > 0)
            return;
        var sent = PersonalLimits.SentThisMonth(connection, [(compatriotId, zone)], now, transaction).GetValueOrDefault(compatriotId);
        connection.Execute("""
            INSERT INTO send_person_month (compatriot_id, month, taken) VALUES (@compatriotId, @month, @sent)
            ON CONFLICT (compatriot_id, month) DO NOTHING
            """, new { compatriotId, month, sent }, transaction);
    }

    /// <summary>Gives back the places of messages that were not sent (message id → month it held), in the caller's transaction.</summary>
    public static void GiveBack(IDbConnection connection, IDbTransaction transaction, IReadOnlyCollection<(long MessageId, long CompatriotId, string Month)> held)
    {
        if (held.Count == 0) return;
        var counts = held.GroupBy(h => (h.CompatriotId, h.Month)).Select(g => new object[] { g.Key.CompatriotId, g.Key.Month, g.Count() });
        connection.Execute(SendingSql.Of(connection).GiveBackPlaces, new { counts = System.Text.Json.JsonSerializer.Serialize(counts) }, transaction);
        connection.Execute("UPDATE send_message SET counted_month = NULL WHERE id IN (SELECT value FROM json_each(@ids))",
            new { ids = JsonIds.Of(held.Select(h => h.MessageId)) }, transaction);
    }
}
