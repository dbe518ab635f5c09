using System.Globalization;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Times on staff pages are read in Kyrgyzstan, where the administrations work: Bishkek time (UTC+6 all year, no
/// daylight saving). Stored times stay UTC; only what people read is converted.
/// </summary>
internal static class StaffTime
{
    private static readonly TimeZoneInfo Bishkek =
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Bishkek", out var zone) ? zone
        : TimeZoneInfo.CreateCustomTimeZone("Asia/Bishkek", TimeSpan.FromHours(6), "Bishkek", "Bishkek");

    public static DateTimeOffset InBishkek(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Bishkek);

    /// <summary>"2026-12-02 18:20", Bishkek time.</summary>
    public static string Format(DateTimeOffset at) => InBishkek(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of a <c>datetime-local</c> field showing <paramref name="at"/> in Bishkek time.</summary>
    public static string FormatInput(DateTimeOffset at) => InBishkek(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> value ("2026-12-02T18:20") read as Bishkek time; null when empty or not a time.</summary>
    public static DateTimeOffset? ParseInput(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !DateTime.TryParseExact(value.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            return null;
        return new DateTimeOffset(wall, Bishkek.GetUtcOffset(wall));
    }

    /// <summary>A UTC hour bucket as the ledger groups it ("2026-12-02 12:00") read as a Bishkek hour.</summary>
    public static string FormatUtcHour(string utcHour) =>
        DateTimeOffset.TryParseExact(utcHour, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Format(at) : utcHour;
}
