using System.Globalization;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Core.Modules;

/// <summary>
/// A day a module sends nothing: every year on a month and day (Nooruz, <c>03-21</c>), or once on a date whose feast
/// moves from year to year (Orozo Ait, <c>2027-03-10</c>), with the reason staff read.
/// </summary>
/// <param name="Year">The year of a one-off date; null for a date that comes back every year.</param>
/// <param name="Month">The month, 1–12.</param>
/// <param name="Day">The day of the month.</param>
/// <param name="Reason">Why the module is quiet that day, in ky/ru/en.</param>
public sealed record QuietDate(int? Year, int Month, int Day, LocalizedText Reason)
{
    /// <summary>Whether <paramref name="date"/> is this quiet day.</summary>
    public bool Covers(DateOnly date) => date.Month == Month && date.Day == Day && (Year is null || Year == date.Year);

    /// <summary>As the manifest writes it: <c>MM-dd</c> every year, <c>yyyy-MM-dd</c> once.</summary>
    public override string ToString() => Year is { } year
        ? new DateOnly(year, Month, Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Month:00}-{Day:00}");

    /// <summary>As pages show it: <c>21.03</c> every year, <c>10.03.2027</c> once.</summary>
    public string Display => Year is { } year
        ? string.Create(CultureInfo.InvariantCulture, $"{Day:00}.{Month:00}.{year}")
        : string.Create(CultureInfo.InvariantCulture, $"{Day:00}.{Month:00}");

    /// <summary>
    /// Reads <c>MM-dd</c> or <c>yyyy-MM-dd</c>; null when it is neither or names no real day (02-29 is one: it is quiet
    /// in leap years).
    /// </summary>
    public static QuietDate? TryParse(string text, LocalizedText reason)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var once))
            return new QuietDate(once.Year, once.Month, once.Day, reason);
        return DateOnly.TryParseExact("2024-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var yearly)
            ? new QuietDate(null, yearly.Month, yearly.Day, reason)
            : null;
    }
}
