using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>Converts money to USD with the dated rate table: the latest rate on or before the day of the pledge.</summary>
public sealed class Rates(Db db)
{
    public bool IsKnown(string currency)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pledge_rate WHERE currency = @currency", new { currency }) > 0;
    }

    public IReadOnlyList<string> Currencies()
    {
        using var connection = db.Open();
        return connection.Query<string>("SELECT DISTINCT currency FROM pledge_rate ORDER BY currency").ToList();
    }

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
                """, new { Currency = rate.Currency!.ToUpperInvariant(), Date = rate.Date!.Value.ToString("yyyy-MM-dd"), rate.Usd }, transaction);
        transaction.Commit();
    }

    private decimal? UsdPerUnit(string currency, DateTimeOffset at)
    {
        using var connection = db.Open();
        var rate = connection.ExecuteScalar<double?>("""
            SELECT usd FROM pledge_rate WHERE currency = @currency AND rate_date <= @day
            ORDER BY rate_date DESC LIMIT 1
            """, new { currency, day = at.UtcDateTime.ToString("yyyy-MM-dd") })
            // A pledge dated before the first rate still needs a value: use the earliest rate known.
            ?? connection.ExecuteScalar<double?>("SELECT usd FROM pledge_rate WHERE currency = @currency ORDER BY rate_date LIMIT 1", new { currency });
        return rate is null ? null : (decimal)rate.Value;
    }
}

/// <summary>One row of <c>PUT /api/rates</c>: how many USD one unit of the currency was worth on that day.</summary>
public sealed record RateInput(string? Currency, DateOnly? Date, decimal? Usd)
{
    public string? Problem() =>
        Currency is not { Length: 3 } || !Currency.All(char.IsAsciiLetter) ? "currency: use an ISO 4217 code such as KGS."
        : Date is null ? "date: give the day the rate applies from (yyyy-MM-dd)."
        : Usd is not > 0 ? "usd: give the USD value of one unit, greater than zero."
        : null;
}
