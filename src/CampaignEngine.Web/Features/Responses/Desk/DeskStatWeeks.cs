namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// How a period is read from the kept figures: its whole weeks (Monday to Sunday, <see cref="FirstWeek"/> to
/// <see cref="LastWeek"/>, named by their Mondays) from the weekly rows, and the days before and after them
/// (<see cref="DeskPeriod.From"/> to <see cref="HeadTo"/>, <see cref="TailFrom"/> to <see cref="DeskPeriod.To"/>) from
/// the daily rows. A range that is empty has its end before its start; a period without a whole week is all head.
/// </summary>
internal sealed record DeskStatWeeks(DateOnly FirstWeek, DateOnly LastWeek, DateOnly HeadTo, DateOnly TailFrom)
{
    public static DeskStatWeeks Of(DeskPeriod period)
    {
        var firstMonday = period.From.AddDays(((int)DayOfWeek.Monday - (int)period.From.DayOfWeek + 7) % 7);
        var weeks = (period.To.DayNumber - firstMonday.DayNumber + 1) / 7;
        if (weeks <= 0) return new(period.To.AddDays(1), period.To, period.To, period.To.AddDays(1));
        var lastMonday = firstMonday.AddDays(7 * (weeks - 1));
        return new(firstMonday, lastMonday, firstMonday.AddDays(-1), lastMonday.AddDays(7));
    }
}
