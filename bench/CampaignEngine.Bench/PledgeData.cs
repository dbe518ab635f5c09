using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Demo;
using CampaignEngine.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CampaignEngine.Bench;

/// <summary>Pledges by generated people, each with the snapshot of its donor that the report groups by.</summary>
internal static class PledgeData
{
    private static readonly Weighted<string> Kind = new(("money", 55), ("time", 35), ("in_kind", 10));
    private static readonly Weighted<(string Currency, double Usd)> Currency = new(
        (("USD", 1.0), 40), (("RUB", 0.0125), 35), (("KZT", 0.00195), 10), (("EUR", 1.08), 10), (("AED", 0.2723), 5));
    private static readonly Weighted<string> Status = new(("pledged", 60), ("fulfilled", 30), ("cancelled", 7), ("written_off", 3));
    private static readonly Weighted<string> RecordedBy = new(("self", 80), ("leader", 15), ("officer", 5));

    private static readonly string[] Columns = ["compatriot_id", "campaign_id", "kind", "contribution_type", "amount", "currency", "amount_usd",
        "hours", "sector", "status", "recorded_by", "gender", "age_band", "home_region", "country", "created_at"];

    private static readonly HashSet<string> Numeric = ["amount", "amount_usd", "hours"];

    /// <summary>
    /// The pledges on the host's engine. On PostgreSQL through binary COPY, with every pledge trigger running as for the
    /// product's writers; the twenty campaigns they answer are drafted first (PostgreSQL keeps the foreign key, where
    /// SQLite's load turns the check off), so they must be ids 1–20 of a fresh database.
    /// </summary>
    public static void Write(ProductHost host, IReadOnlyList<Person> people, int count, int seed = 2022)
    {
        if (!host.OnPostgreSql)
        {
            Write(host.DbPath, people, count, null, seed);
            return;
        }
        for (var c = 1; c <= 20; c++)
            if (Items.Campaigns.Draft(host, $"pledges {c}", new CampaignEngine.Web.Features.Campaigns.Segment()).Id != c)
                throw new InvalidOperationException("The pledges' campaigns must be the database's first twenty.");
        using var connection = new NpgsqlConnection(host.ConnectionString);
        connection.Open();
        // One COPY per thousand pledges, each its own transaction: the pledge triggers update the same few total rows
        // for every pledge, and within one transaction each update steps over every version the ones before it left.
        foreach (var chunk in Rows(people, count, seed).Chunk(1_000))
        {
            using var copy = connection.BeginBinaryImport($"COPY pledge ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
            foreach (var values in chunk)
            {
                copy.StartRow();
                for (var c = 0; c < values.Length; c++)
                {
                    var value = values[c];
                    if (value is null) copy.WriteNull();
                    else if (Numeric.Contains(Columns[c])) copy.Write(Convert.ToDecimal(value, CultureInfo.InvariantCulture), NpgsqlDbType.Numeric);
                    else if (value is string text) copy.Write(text, NpgsqlDbType.Text);
                    else copy.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                }
            }
            copy.Complete();
        }
        using var analyze = new NpgsqlCommand("ANALYZE", connection);
        analyze.ExecuteNonQuery();
    }

    /// <summary>Writes the pledges; <paramref name="keepAt"/> (optional) receives a copy of the whole database afterwards.</summary>
    public static void Write(string dbPath, IReadOnlyList<Person> people, int count, string? keepAt = null, int seed = 2022)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=false");
        connection.Open();
        // Campaigns are numbers the report filters and groups by here; the bench needs none of their rows.
        DirectoryData.Exec(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF;");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO pledge ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        var parameters = Columns.Select(c => insert.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        insert.Prepare();
        foreach (var values in Rows(people, count, seed))
        {
            for (var c = 0; c < values.Length; c++) parameters[c].Value = values[c] ?? DBNull.Value;
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

    /// <summary>Each pledge's values in <see cref="Columns"/>' order (null for NULL; amounts as doubles, counts as integers).</summary>
    private static IEnumerable<object?[]> Rows(IReadOnlyList<Person> people, int count, int seed)
    {
        var random = new Random(seed);
        var year = DateTime.UtcNow.Year;
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        for (var i = 0; i < count; i++)
        {
            var index = random.Next(people.Count);
            var person = people[index];
            var kind = Kind.Next(random);
            var money = kind == "money";
            var (currency, usd) = Currency.Next(random);
            var amount = Math.Round(random.NextDouble() * 500 / usd, 2);
            // Two pledges in three answer one of twenty campaigns; the rest came without one.
            object? campaign = random.Next(3) == 0 ? null : 1 + random.Next(20);
            var type = DemoDistributions.Contribution.Next(random);
            object? hours = kind == "time" ? random.Next(1, 40) : null;
            var sector = DemoDistributions.Sector.Next(random);
            var status = Status.Next(random);
            var by = RecordedBy.Next(random);
            yield return
            [
                index + 1, campaign, kind, type, money ? amount : null, money ? currency : null, money ? Math.Round(amount * usd, 2) : null,
                hours, sector, status, by, person.Gender, Vocabulary.AgeBandOf(person.BirthYear, year), person.HomeRegion, person.Country,
                // In the product's own shape (DapperSetup.UtcFormat), as its writers store times.
                start.AddMinutes(random.Next(365 * 24 * 60)).AddMilliseconds(random.Next(60_000)).ToDb(),
            ];
        }
    }
}
