using CampaignEngine.Web.Features.Campaigns;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class SendWindowTests
{
    private static readonly TimeZoneInfo Yakutsk = TimeZoneInfo.FindSystemTimeZoneById("Asia/Yakutsk");      // UTC+9
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");  // UTC+1 in winter
    private static readonly SendWindow TenToEight = SendWindow.TryParse("10:00", "20:00", null, out _)!;

    [Fact]
    public void Inside_the_window_sends_at_once()
    {
        var at = new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);   // 12:00 in Yakutsk
        Assert.Equal(at, TenToEight.NextOpening(at, Yakutsk));
    }

    [Fact]
    public void Before_the_window_waits_for_ten_local()
    {
        var at = new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);   // 07:00 in Brussels
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), TenToEight.NextOpening(at, Brussels));
    }

    [Fact]
    public void After_the_window_waits_for_the_next_morning()
    {
        var at = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);  // 21:00 in Yakutsk
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), TenToEight.NextOpening(at, Yakutsk));
    }

    [Fact]
    public void Quiet_dates_are_skipped()
    {
        var window = SendWindow.TryParse("10:00", "20:00", ["2027-03-21"], out _)!;
        var at = new DateTimeOffset(2027, 3, 21, 0, 0, 0, TimeSpan.Zero);    // Nooruz, 09:00 in Yakutsk
        Assert.Equal(new DateTimeOffset(2027, 3, 22, 1, 0, 0, TimeSpan.Zero), window.NextOpening(at, Yakutsk));
    }

    [Fact]
    public void Local_launch_time_is_each_zones_own_ten_oclock()
    {
        var launch = new LaunchTime(null, new DateTime(2026, 11, 28, 10, 0, 0));
        var now = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero), launch.StartIn(Yakutsk, now));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), launch.StartIn(Brussels, now));
    }

    [Fact]
    public void Daylight_saving_gap_moves_to_the_first_valid_minute()
    {
        // Brussels skips 02:00–03:00 on 2027-03-28.
        var at = SendWindow.At(new DateOnly(2027, 3, 28), new TimeOnly(2, 30), Brussels);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), at.ToUniversalTime());
    }

    [Theory]
    [InlineData("25:00", "20:00", "window.from")]
    [InlineData("10:00", "9:00", "window.to")]
    [InlineData("20:00", "10:00", "window.to")]
    public void Bad_windows_name_the_field(string from, string to, string field)
    {
        Assert.Null(SendWindow.TryParse(from, to, null, out var error));
        Assert.StartsWith(field, error);
    }

    [Fact]
    public void A_whole_day_window_ends_at_24()
    {
        var window = SendWindow.TryParse("00:00", "24:00", null, out _)!;
        var late = new DateTimeOffset(2026, 11, 28, 14, 59, 0, TimeSpan.Zero);   // 23:59 in Yakutsk
        Assert.Equal(late, window.NextOpening(late, Yakutsk));
        Assert.Equal("24:00", SendWindow.Format(window.To));
    }

    [Fact]
    public void Bad_quiet_date_is_reported()
    {
        Assert.Null(SendWindow.TryParse("10:00", "20:00", ["21.03.2027"], out var error));
        Assert.StartsWith("quietDates", error);
    }
}
