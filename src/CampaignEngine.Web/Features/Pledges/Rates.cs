using System.Globalization;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>
/// Converts money to USD with the dated rate table: the latest rate on or before the day of the pledge. The table is
/// small and read on every money pledge, so it is held in memory: reloaded after this host changes it, and at least
/// once a minute so that a change made through another host sharing the database is seen soon.
/// </summary>
internal sealed class Rates(Db db, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private volatile RateTable? _table;

    public bool IsKnown(string currency) => Table().ByCurrency.ContainsKey(currency);

    public IReadOnlyList<string> Currencies() => Table().ByCurrency.Keys.Order(StringComparer.Ordinal).ToList();

    public decimal? ToUsd(decimal amount, string currency, DateTimeOffset at) =>
        UsdPerUnit(currency, at) is { } rate ? Math.Round(amount * rate, 2) : null;

    /// <summary>Som are what oblast administrations budget in: every USD value also gets its KGS value of the same day.</summary>
    public decimal? UsdToKgs(decimal usd, DateTimeOffset at) =>
        UsdPerUnit("KGS", at) is { } rate and > 0 ? Math.Round(usd / rate, 2) : null;

    public void Upsert(IEnumerable<RateInput> rates)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var rate in rates)
            connection.Execute("""
                INSERT INTO pledge_rate (currency, rate_date, usd) VALUES (@Currency, @Date, @Usd)
                ON CONFLICT (currency, rate_date) DO UPDATE SET usd = excluded.usd
                """, new { Currency = rate.Currency!.ToUpperInvariant(), Date = rate.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rate.Usd }, transaction);
        transaction.Commit();
        _table = null;
    }

    private decimal? UsdPerUnit(string currency, DateTimeOffset at)
    {
        if (!Table().ByCurrency.TryGetValue(currency, out var dated)) return null;
        var day = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Dated rows in ascending order: the last one on or before the day; a pledge dated before the first rate
        // still needs a value, so it takes the earliest rate known.
        var rate = dated[0].Usd;
        foreach (var (date, usd) in dated)
        {
            if (string.CompareOrdinal(date, day) > 0) break;
            rate = usd;
        }
        return (decimal)rate;
    }

    private RateTable Table()
    {
        var table = _table;
        if (table is not null && clock.GetUtcNow() - table.LoadedAt < MaxAge) return table;
        using var connection = db.Open();
        var rows = connection.Query<(string Currency, string Date, double Usd)>("SELECT currency, rate_date, CAST(usd AS DOUBLE PRECISION) FROM pledge_rate ORDER BY currency, rate_date");
        table = new RateTable(clock.GetUtcNow(), rows.GroupBy(r => r.Currency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => (r.Date, r.Usd)).ToArray(), StringComparer.Ordinal));
        _table = table;
        return table;
    }

    private sealed record RateTable(DateTimeOffset LoadedAt, IReadOnlyDictionary<string, (string Date, double Usd)[]> ByCurrency);
}

/// <summary>One row of <c>PUT /api/rates</c>: how many USD one unit of the currency was worth on that day.</summary>
internal sealed record RateInput(string? Currency, DateOnly? Date, decimal? Usd)
{
    public string? Problem() =>
        Currency is not { Length: 3 } || !Currency.All(char.IsAsciiLetter) ? "currency: use an ISO 4217 code such as KGS."
        : Date is null ? "date: give the day the rate applies from (yyyy-MM-dd)."
        : Usd is not > 0 ? "usd: give the USD value of one unit, greater than zero."
        : null;
}
