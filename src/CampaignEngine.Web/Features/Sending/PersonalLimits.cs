using System.Data;
using System.Globalization;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// The limits a person set on their own page, applied to every campaign at send time: no messages while paused (up to
/// and including the day they named, in their time zone), and no more than their monthly cap (counted over what the
/// ledger sent them this calendar month in their time zone). The audience preview counts the same people with the same
/// rules, so what it says the launch will skip is what the dispatcher skips; the dispatcher takes each message's place
/// under the cap one at a time (<see cref="MonthlyCap"/>), so that dispatches running together cannot both pass it.
/// </summary>
internal static class PersonalLimits
{
    public const string Capped = "capped";
    public const string Paused = "paused";

    /// <summary>
    /// Purposes that answer the person rather than appeal to them, exempt from the cap and the pause and not counted in
    /// the cap: an answer to their own question (the responses desk's <c>desk-answer</c>) and the certificate they were
    /// given (<c>certificate-delivery</c>). Holding back what the person asked for, or what they earned, would punish
    /// them for asking for fewer appeals.
    /// </summary>
    public static readonly IReadOnlyList<string> ExemptPurposes = ["certificate-delivery", "desk-answer"];

    public static bool Exempt(string purpose) => ExemptPurposes.Contains(purpose);

    /// <summary>Why the person's own limits hold this message back (<see cref="Paused"/>, <see cref="Capped"/>), or null.</summary>
    public static string? Holds(BatchContext.SendPreferences? preferences, string timeZone, int sentThisMonth, DateTimeOffset now)
    {
        if (IsPaused(preferences, timeZone, now)) return Paused;
        if (preferences?.MaxPerMonth is { } cap && sentThisMonth >= cap) return Capped;
        return null;
    }

    /// <summary>Whether the person paused every campaign until today or later (in their time zone).</summary>
    public static bool IsPaused(BatchContext.SendPreferences? preferences, string timeZone, DateTimeOffset now) =>
        preferences?.PausedUntil is { } until && LocalToday(timeZone, now) <= until;

    /// <summary>
    /// How many messages (of purposes that count) the ledger sent each person since the start of the calendar month in
    /// their own time zone: one query for all of them, each person's messages found by <c>ix_send_person</c>.
    /// </summary>
    public static Dictionary<long, int> SentThisMonth(IDbConnection connection, IEnumerable<(long Id, string TimeZone)> people, DateTimeOffset now,
        IDbTransaction? transaction = null)
    {
        var rows = people.Select(p => new object[] { p.Id, MonthStart(p.TimeZone, now).ToDb() }).ToArray();
        if (rows.Length == 0) return [];
        return connection.Query<(long Id, int Count)>(SendingSql.Of(connection).SentSince, new { rows = System.Text.Json.JsonSerializer.Serialize(rows), exempt = System.Text.Json.JsonSerializer.Serialize(ExemptPurposes) }, transaction)
            .ToDictionary(r => r.Id, r => r.Count);
    }

    /// <summary>The first instant of the current calendar month in <paramref name="timeZone"/>.</summary>
    public static DateTimeOffset MonthStart(string timeZone, DateTimeOffset now)
    {
        var zone = Zone(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var first = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(first, zone.GetUtcOffset(first));
    }

    public static DateOnly LocalToday(string timeZone, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(timeZone)).DateTime);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The pause as stored (<c>directory_preference.paused_until</c>).</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
