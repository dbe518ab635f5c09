using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>
/// Real time moved to 12:00 UTC of a day (16:00 in the Emirates, 18:00 in Bishkek; inside 09:00–21:00 from UTC−3 to UTC+9) and ticking on from there, for
/// tests whose messages go out only inside the recipient's 09:00–21:00 (certificate delivery, reminders): without
/// it such a test passes in the afternoon and times out at night.
/// </summary>
internal sealed class DaytimeClock : TimeProvider
{
    private readonly TimeSpan _offset;

    private DaytimeClock()
    {
        var now = System.GetUtcNow();
        var daytime = new DateTimeOffset(now.UtcDateTime.Date.AddHours(12), TimeSpan.Zero);
        if (daytime < now) daytime = daytime.AddDays(1);
        _offset = daytime - now;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    /// <summary>Gives the host under test this clock in place of the system's.</summary>
    public static void Use(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new DaytimeClock()));
}
