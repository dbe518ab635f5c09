using System.Globalization;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// The Kyrgyz working-day calendar the desk's deadlines count in: Monday to Friday in Bishkek time, without the public
/// holidays of the Labour Code (art. 113). Orozo Ait and Kurman Ait follow the lunar calendar and are declared each year,
/// so the known ones are listed here and later ones (or a government's moved day off) come from
/// <c>Desk:Holidays</c> (dates <c>yyyy-MM-dd</c>), which adds to the list.
/// </summary>
internal sealed class WorkingDays
{
    private static readonly (int Month, int Day)[] FixedHolidays =
    [
        (1, 1), (1, 7), (2, 23), (3, 8), (3, 21), (4, 7), (5, 1), (5, 5), (5, 9), (8, 31), (11, 7), (11, 8),
    ];

    // Orozo Ait (end of Ramadan) and Kurman Ait (Eid al-Adha) as the Muftiate announced or foresees them.
    private static readonly string[] LunarHolidays =
    [
        "2025-03-30", "2025-06-06", "2026-03-20", "2026-05-27", "2027-03-10", "2027-05-16", "2028-02-27", "2028-05-05",
    ];

    private readonly HashSet<DateOnly> _declared;
    private readonly TimeZoneInfo _bishkek;

    public WorkingDays(IConfiguration configuration)
    {
        _declared = LunarHolidays.Concat(configuration.GetSection("Desk:Holidays").Get<string[]>() ?? [])
            .Select(day => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
        _bishkek = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Bishkek", out var zone) ? zone : TimeZoneInfo.CreateCustomTimeZone("KGT", TimeSpan.FromHours(6), "KGT", "KGT");
    }

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !FixedHolidays.Contains((day.Month, day.Day)) && !_declared.Contains(day);

    /// <summary>
    /// The moment <paramref name="days"/> working days after <paramref name="from"/>, at the same time of day in Bishkek:
    /// a question that arrives on a Friday evening with a 1-day SLA is due on Monday evening (or later past holidays).
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        var local = TimeZoneInfo.ConvertTime(from, _bishkek);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var counted = 0; counted < Math.Max(0, days);)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) counted++;
        }
        var dueLocal = day.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
        return new DateTimeOffset(dueLocal, _bishkek.GetUtcOffset(dueLocal)).ToUniversalTime();
    }
}
