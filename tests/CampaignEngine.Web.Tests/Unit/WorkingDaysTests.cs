using CampaignEngine.Web.Features.Responses.Desk;
using Microsoft.Extensions.Configuration;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class WorkingDaysTests
{
    private static readonly TimeSpan Bishkek = TimeSpan.FromHours(6);

    private static WorkingDays Calendar(params string[] declared) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(declared.Select((day, i) => KeyValuePair.Create($"Desk:Holidays:{i}", (string?)day))).Build());

    [Fact]
    public void A_day_after_a_friday_evening_is_the_monday_evening()
    {
        var friday = new DateTimeOffset(2026, 12, 4, 19, 30, 0, Bishkek);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 19, 30, 0, Bishkek), Calendar().AddWorkingDays(friday, 1));
    }

    [Fact]
    public void A_day_after_a_friday_before_independence_day_is_the_tuesday()
    {
        var friday = new DateTimeOffset(2026, 8, 28, 10, 0, 0, Bishkek);
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 10, 0, 0, Bishkek), Calendar().AddWorkingDays(friday, 1));
    }

    [Fact]
    public void Kurman_ait_of_the_lunar_calendar_and_a_declared_day_off_are_skipped()
    {
        var tuesday = new DateTimeOffset(2026, 5, 26, 9, 0, 0, Bishkek);
        Assert.False(Calendar().IsWorkingDay(new DateOnly(2026, 5, 27)));
        Assert.Equal(new DateTimeOffset(2026, 5, 28, 9, 0, 0, Bishkek), Calendar().AddWorkingDays(tuesday, 1));
        Assert.Equal(new DateTimeOffset(2026, 5, 29, 9, 0, 0, Bishkek), Calendar("2026-05-28").AddWorkingDays(tuesday, 1));
    }

    [Fact]
    public void The_day_is_counted_in_bishkek_even_when_the_question_arrives_on_another_utc_date()
    {
        // 20:00 UTC on Friday is already 02:00 on Saturday in Bishkek: one working day later is Monday 02:00 there,
        // not Monday 20:00 UTC (Tuesday morning in Bishkek), as counting UTC dates would make it.
        var fridayUtc = new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 2, 0, 0, Bishkek), Calendar().AddWorkingDays(fridayUtc, 1));
    }
}
