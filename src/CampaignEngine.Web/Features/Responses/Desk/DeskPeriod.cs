using System.Globalization;
using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// The days the desk's figures cover, both included, as days in Bishkek where the administrations work (UTC+6 all
/// year; migration 0033 keys its daily rows the same way). Without dates: the last <see cref="DefaultDays"/> days.
/// </summary>
internal sealed record DeskPeriod(DateOnly From, DateOnly To)
{
    public const int DefaultDays = 90;

    private static readonly TimeSpan Bishkek = TimeSpan.FromHours(6);

    /// <summary>The first instant of the period, UTC.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), Bishkek);

    /// <summary>The first instant after the period, UTC.</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), Bishkek);

    public static DeskPeriod LastDays(DateTimeOffset now, int days = DefaultDays)
    {
        var today = DateOnly.FromDateTime(StaffTime.InBishkek(now).DateTime);
        return new(today.AddDays(1 - days), today);
    }

    /// <summary>
    /// The period of <c>from</c> and <c>to</c> (ISO dates, either may be left out); a fault names its field
    /// (<paramref name="error"/>: the field and why). <c>to</c> is today when left out, <c>from</c> the
    /// <see cref="DefaultDays"/>th day up to <c>to</c>.
    /// </summary>
    public static DeskPeriod? Parse(string? from, string? to, DateTimeOffset now, out (string Field, string Message)? error)
    {
        error = Unreadable(from, "from") ?? Unreadable(to, "to");
        if (error is not null) return null;
        var last = Day(to) ?? LastDays(now).To;
        var period = new DeskPeriod(Day(from) ?? last.AddDays(1 - DefaultDays), last);
        if (period.From > period.To) error = ("from", $"{period.From:yyyy-MM-dd} is after {period.To:yyyy-MM-dd}");
        return error is null ? period : null;
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static (string, string)? Unreadable(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) || Day(text) is not null ? null : (field, $"'{text}' is not a date; write it as YYYY-MM-DD");
}
