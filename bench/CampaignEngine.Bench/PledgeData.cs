using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Bench;

/// <summary>Pledges by generated people, each with the snapshot of its donor that the report groups by.</summary>
internal static class PledgeData
{
    private static readonly Weighted<string> Kind = new(("money", 55), ("time", 35), ("in_kind", 10));
    private static readonly Weighted<(string Currency, double Usd)> Currency = new(
        (("USD", 1.0), 40), (("RUB", 0.0125), 35), (("KZT", 0.00195), 10), (("EUR", 1.08), 10), (("AED", 0.2723), 5));
    private static readonly Weighted<string> Status = new(("pledged", 60), ("fulfilled", 30), ("cancelled", 7), ("written_off", 3));
    private static readonly Weighted<string> RecordedBy = new(("self", 80), ("leader", 15), ("officer", 5));

    /// <summary>Writes the pledges; <paramref name="keepAt"/> (optional) receives a copy of the whole database afterwards.</summary>
    public static void Write(string dbPath, IReadOnlyList<Person> people, int count, string? keepAt = null, int seed = 2022)
    {
        var random = new Random(seed);
        var year = DateTime.UtcNow.Year;
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=false");
        connection.Open();
        // Campaigns are numbers the report filters and groups by here; the bench needs none of their rows.
        DirectoryData.Exec(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF;");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO pledge (compatriot_id, campaign_id, kind, contribution_type, amount, currency, amount_usd, hours, sector, status,
                recorded_by, gender, age_band, home_region, country, created_at)
            VALUES ($who, $campaign, $kind, $type, $amount, $currency, $usd, $hours, $sector, $status, $by, $gender, $band, $region, $country, $at)
            """;
        var p = new[] { "$who", "$campaign", "$kind", "$type", "$amount", "$currency", "$usd", "$hours", "$sector", "$status", "$by", "$gender",
            "$band", "$region", "$country", "$at" }.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter(n, null)));
        insert.Prepare();
        for (var i = 0; i < count; i++)
        {
            var index = random.Next(people.Count);
            var person = people[index];
            var kind = Kind.Next(random);
            var money = kind == "money";
            var (currency, usd) = Currency.Next(random);
            var amount = Math.Round(random.NextDouble() * 500 / usd, 2);
            p["$who"].Value = index + 1;
            // Two pledges in three answer one of twenty campaigns; the rest came without one.
            p["$campaign"].Value = random.Next(3) == 0 ? DBNull.Value : 1 + random.Next(20);
            p["$kind"].Value = kind;
            p["$type"].Value = DemoDistributions.Contribution.Next(random);
            p["$amount"].Value = money ? amount : DBNull.Value;
            p["$currency"].Value = money ? currency : DBNull.Value;
            p["$usd"].Value = money ? Math.Round(amount * usd, 2) : DBNull.Value;
            p["$hours"].Value = kind == "time" ? random.Next(1, 40) : DBNull.Value;
            p["$sector"].Value = DemoDistributions.Sector.Next(random);
            p["$status"].Value = Status.Next(random);
            p["$by"].Value = RecordedBy.Next(random);
            p["$gender"].Value = person.Gender;
            p["$band"].Value = Vocabulary.AgeBandOf(person.BirthYear, year);
            p["$region"].Value = person.HomeRegion;
            p["$country"].Value = person.Country;
            // In the product's own shape (DapperSetup.UtcFormat), as its writers store times.
            p["$at"].Value = start.AddMinutes(random.Next(365 * 24 * 60)).AddMilliseconds(random.Next(60_000)).ToDb();
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        DirectoryData.Exec(connection, "ANALYZE;");
        if (keepAt is null) return;
        File.Delete(keepAt);
        using var copy = connection.CreateCommand();
        copy.CommandText = "VACUUM INTO $path";
        copy.Parameters.AddWithValue("$path", keepAt);
        copy.ExecuteNonQuery();
    }
}
