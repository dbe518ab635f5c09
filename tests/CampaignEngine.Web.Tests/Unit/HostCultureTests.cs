using System.Globalization;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>
/// Background jobs run in the host's own culture, not a request's. A host set up in Thai counts years in the Buddhist
/// calendar (2026 is 2569), so any date written or compared with the current culture lands 543 years off.
/// </summary>
public sealed class HostCultureTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ce-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_rate_set_through_the_api_converts_a_pledge_on_its_own_day_when_the_host_runs_in_a_buddhist_calendar_culture()
    {
        var rates = NewRates();
        rates.Upsert([
            new RateInput("EUR", new DateOnly(2026, 1, 1), 1.10m),
            new RateInput("EUR", new DateOnly(2026, 6, 1), 1.20m),
        ]);

        var usd = InCulture("th-TH", () => rates.ToUsd(100m, "EUR", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal(110m, usd);
    }

    [Fact]
    public void Rates_written_by_a_host_in_a_buddhist_calendar_culture_keep_their_gregorian_day()
    {
        var rates = NewRates();
        InCulture("th-TH", () =>
        {
            rates.Upsert([new RateInput("EUR", new DateOnly(2026, 6, 1), 1.20m), new RateInput("EUR", new DateOnly(2026, 1, 1), 1.10m)]);
            return 0;
        });

        Assert.Equal(110m, rates.ToUsd(100m, "EUR", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    private Rates NewRates()
    {
        var db = new Db(Options.Create(new DatabaseOptions { Path = Path.Combine(_folder, "culture.db") }));
        new Migrator(db, NullLogger<Migrator>.Instance).Run();
        return new Rates(db, TimeProvider.System);
    }

    private static T InCulture<T>(string name, Func<T> action)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(name);
        try { return action(); }
        finally { CultureInfo.CurrentCulture = before; }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
