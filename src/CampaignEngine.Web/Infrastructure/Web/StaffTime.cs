using System.Globalization;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Times on staff pages are read in Kyrgyzstan, where the administrations work: Bishkek time (UTC+6 all year, no
/// daylight saving). Stored times stay UTC; only what people read is converted.
/// </summary>
public static class StaffTime
{
    private static readonly TimeZoneInfo Bishkek =
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Bishkek", out var zone) ? zone
        : TimeZoneInfo.CreateCustomTimeZone("Asia/Bishkek", TimeSpan.FromHours(6), "Bishkek", "Bishkek");

    public static DateTimeOffset InBishkek(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Bishkek);

    /// <summary>"2026-12-02 18:20", Bishkek time.</summary>
    public static string Format(DateTimeOffset at) => InBishkek(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A UTC hour bucket as the ledger groups it ("2026-12-02 12:00") read as a Bishkek hour.</summary>
    public static string FormatUtcHour(string utcHour) =>
        DateTimeOffset.TryParseExact(utcHour, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Format(at) : utcHour;
}
