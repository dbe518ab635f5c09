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

    public decimal? ToUsd(decimal amount, string currency, DateTimeOffset at)
    {
        using var connection = db.Open();
        var rate = connection.ExecuteScalar<double?>("""
            SELECT usd FROM pledge_rate WHERE currency = @currency AND rate_date <= @day
            ORDER BY rate_date DESC LIMIT 1
            """, new { currency, day = at.UtcDateTime.ToString("yyyy-MM-dd") })
            // A pledge dated before the first rate still needs a value: use the earliest rate known.
            ?? connection.ExecuteScalar<double?>("SELECT usd FROM pledge_rate WHERE currency = @currency ORDER BY rate_date LIMIT 1", new { currency });
        return rate is null ? null : Math.Round(amount * (decimal)rate.Value, 2);
    }
}
