using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Demo;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CampaignEngine.Bench;

/// <summary>Who a generated person is, kept so that pledges can snapshot them without reading the table back.</summary>
internal readonly record struct Person(string Gender, int BirthYear, string HomeRegion, string Country);

/// <summary>
/// Writes a large synthetic directory fast: one transaction, one prepared command, the demo's shares
/// (IOM 2021) for gender, age, home region, country, language and consent. The demo generator itself builds
/// every person as an object and validates every phone with libphonenumber, which is too slow for a million.
/// </summary>
internal static class DirectoryData
{
    private static readonly Weighted<string> NationalCountries = new(("RU", 57), ("KZ", 4.4), ("UA", 2));

    private static readonly string[] Columns = ["external_id", "full_name", "search_name", "gender", "birth_year", "home_region", "country",
        "city", "time_zone", "language", "years_abroad", "willing", "organization_id", "email", "phone", "telegram", "consent_whatsapp",
        "consent_telegram", "consent_sms", "consent_email", "created_at", "updated_at"];

    /// <summary>The people on the host's engine: SQLite's prepared insert, or PostgreSQL's binary COPY.</summary>
    public static Person[] Write(ProductHost host, int count, bool nationalOnly, int organizationMembers, int seed = 2021) => host.OnPostgreSql
        ? WritePostgreSql(host.ConnectionString!, count, nationalOnly, organizationMembers, seed)
        : Write(host.DbPath, count, nationalOnly, organizationMembers, seed);

    /// <param name="nationalOnly">Everyone lives in RU/KZ/UA and can be reached on some channel, so a national launch matches all.</param>
    /// <param name="organizationMembers">The first this many people belong to organisation 1 (a segment of exactly that size).</param>
    public static Person[] Write(string dbPath, int count, bool nationalOnly, int organizationMembers, int seed = 2021)
    {
        var people = new Person[count];
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=false");
        connection.Open();
        Exec(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;");
        Exec(connection, $"INSERT INTO directory_organization (id, name, country, kind, created_at) VALUES (1, 'Bench organisation', 'RU', 'association', '{DateTimeOffset.UtcNow:O}')");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO directory_compatriot ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        var parameters = Columns.Select(c => insert.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        insert.Prepare();
        var i = 0;
        foreach (var (person, values) in Rows(count, nationalOnly, organizationMembers, seed))
        {
            people[i++] = person;
            for (var c = 0; c < values.Length; c++) parameters[c].Value = values[c] ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        Exec(connection, "ANALYZE;");
        return people;
    }

    /// <summary>
    /// The same people through PostgreSQL's binary COPY: one stream, no statement per row. The audience cells' trigger
    /// still runs for every row (migration 0055 gave it an index), as it does for the product's own writers.
    /// </summary>
    private static Person[] WritePostgreSql(string connectionString, int count, bool nationalOnly, int organizationMembers, int seed)
    {
        var people = new Person[count];
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var organization = new NpgsqlCommand(
            "INSERT INTO directory_organization (id, name, country, kind, created_at) VALUES (1, 'Bench organisation', 'RU', 'association', @at)", connection))
        {
            organization.Parameters.AddWithValue("at", DateTimeOffset.UtcNow.ToString("O"));
            organization.ExecuteNonQuery();
        }
        using (var copy = connection.BeginBinaryImport($"COPY directory_compatriot ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            var i = 0;
            foreach (var (person, values) in Rows(count, nationalOnly, organizationMembers, seed))
            {
                people[i++] = person;
                copy.StartRow();
                foreach (var value in values)
                {
                    switch (value)
                    {
                        case null: copy.WriteNull(); break;
                        case string text: copy.Write(text, NpgsqlDbType.Text); break;
                        default: copy.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint); break;
                    }
                }
            }
            copy.Complete();
        }
        using (var analyze = new NpgsqlCommand("ANALYZE", connection)) analyze.ExecuteNonQuery();
        return people;
    }

    /// <summary>The generated people, each with its row's values in <see cref="Columns"/>' order (null for NULL).</summary>
    private static IEnumerable<(Person Person, object?[] Values)> Rows(int count, bool nationalOnly, int organizationMembers, int seed)
    {
        var random = new Random(seed);
        var year = DateTime.UtcNow.Year;
        var phones = new Dictionary<string, string[]>();
        var now = DateTimeOffset.UtcNow.ToString("O");
        for (var i = 0; i < count; i++)
        {
            var gender = DemoDistributions.Gender.Next(random);
            var (from, to) = DemoDistributions.Age.Next(random);
            var region = DemoDistributions.HomeRegion.Next(random);
            var country = nationalOnly ? NationalCountries.Next(random)
                : DemoDistributions.Clusters.TryGetValue(region, out var cluster) && random.NextDouble() < cluster.Share
                    ? cluster.Countries.Next(random) : DemoDistributions.Country.Next(random);
            var city = DemoDistributions.Cities[country].Next(random);
            var western = DemoDistributions.Western.Contains(country);
            var language = (western ? DemoDistributions.LanguageWestern : DemoDistributions.LanguageElsewhere).Next(random);
            var name = DemoNames.Next(random, gender, latin: language == "en");
            var consent = DemoDistributions.Consent.Select(c => random.NextDouble() < (western ? c.ChanceWestern : c.Chance)).ToArray();
            // A national launch must reach everyone in the launch directory; elsewhere a share stays unreachable, as in life.
            if (nationalOnly && !consent.Any(c => c)) consent[0] = true;
            var hasPhone = consent[0] || consent[2] || random.NextDouble() < 0.85;
            if (!phones.TryGetValue(country, out var pool))
                phones[country] = pool = Enumerable.Range(0, 64).Select(_ => DemoPhones.Next(random, country)).ToArray();

            var person = new Person(gender, year - random.Next(from, to + 1), region, country);
            // Drawn in the order the generator always drew them, so a seed gives the same people on both engines.
            var yearsAbroad = DemoDistributions.YearsAbroad.Next(random);
            var willing = (gender == "female" ? DemoDistributions.WillingWomen : DemoDistributions.WillingMen).Next(random);
            var email = consent[3] || random.NextDouble() < 0.15 ? $"person{i + 1}@mail.example" : null;
            var phone = hasPhone ? pool[random.Next(pool.Length)] : null;
            var telegram = consent[1] || random.NextDouble() < 0.05 ? $"@person{i + 1}" : null;
            yield return (person,
            [
                $"bench-{i + 1:D7}", name, name.ToLowerInvariant(), gender, person.BirthYear, region, country, city,
                Cities.TimeZoneFor(country, city), language, yearsAbroad, willing, i < organizationMembers ? 1 : null, email, phone, telegram,
                consent[0] ? 1 : 0, consent[1] ? 1 : 0, consent[2] ? 1 : 0, consent[3] ? 1 : 0, now, now,
            ]);
        }
    }

    public static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
