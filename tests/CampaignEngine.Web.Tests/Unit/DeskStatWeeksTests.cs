using CampaignEngine.Web.Features.Responses.Desk;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class DeskStatWeeksTests
{
    [Theory]
    // 2026-03-02 is a Monday. from, to → first week, last week, head to, tail from
    [InlineData("2026-03-02", "2026-03-08", "2026-03-02", "2026-03-02", "2026-03-01", "2026-03-09")]
    [InlineData("2026-03-04", "2026-03-22", "2026-03-09", "2026-03-16", "2026-03-08", "2026-03-23")]
    [InlineData("2026-03-04", "2026-03-10", "2026-03-11", "2026-03-10", "2026-03-10", "2026-03-11")]
    [InlineData("2026-03-03", "2026-03-03", "2026-03-04", "2026-03-03", "2026-03-03", "2026-03-04")]
    [InlineData("2026-09-05", "2026-12-03", "2026-09-07", "2026-11-23", "2026-09-06", "2026-11-30")]
    public void A_period_is_its_whole_weeks_and_the_days_before_and_after_them(string from, string to, string firstWeek, string lastWeek, string headTo, string tailFrom)
    {
        var parts = DeskStatWeeks.Of(new DeskPeriod(Day(from), Day(to)));

        Assert.Equal((Day(firstWeek), Day(lastWeek), Day(headTo), Day(tailFrom)),
            (parts.FirstWeek, parts.LastWeek, parts.HeadTo, parts.TailFrom));
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_day_of_a_period_is_read_once_from_a_week_or_a_day()
    {
        var start = new DateOnly(2026, 1, 1);
        for (var length = 1; length <= 40; length++)
            for (var offset = 0; offset < 7; offset++)
            {
                var period = new DeskPeriod(start.AddDays(offset), start.AddDays(offset + length - 1));
                var parts = DeskStatWeeks.Of(period);
                var days = new List<DateOnly>();
                for (var week = parts.FirstWeek; week <= parts.LastWeek; week = week.AddDays(7))
                {
                    Assert.Equal(DayOfWeek.Monday, week.DayOfWeek);
                    days.AddRange(Enumerable.Range(0, 7).Select(week.AddDays));
                }
                for (var day = period.From; day <= parts.HeadTo; day = day.AddDays(1)) days.Add(day);
                for (var day = parts.TailFrom; day <= period.To; day = day.AddDays(1)) days.Add(day);

                Assert.Equal(Enumerable.Range(0, length).Select(period.From.AddDays), days.Order());
            }
    }
}
