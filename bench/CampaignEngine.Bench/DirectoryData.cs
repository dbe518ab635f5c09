using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Demo;
using Microsoft.Data.Sqlite;

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

    /// <param name="nationalOnly">Everyone lives in RU/KZ/UA and can be reached on some channel, so a national launch matches all.</param>
    /// <param name="organizationMembers">The first this many people belong to organisation 1 (a segment of exactly that size).</param>
    public static Person[] Write(string dbPath, int count, bool nationalOnly, int organizationMembers, int seed = 2021)
    {
        var random = new Random(seed);
        var year = DateTime.UtcNow.Year;
        var phones = new Dictionary<string, string[]>();
        var people = new Person[count];
        var now = DateTimeOffset.UtcNow.ToString("O");

        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=false");
        connection.Open();
        Exec(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;");
        Exec(connection, $"INSERT INTO directory_organization (id, name, country, kind, created_at) VALUES (1, 'Bench organisation', 'RU', 'association', '{now}')");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO directory_compatriot (external_id, full_name, search_name, gender, birth_year, home_region, country, city,
                time_zone, language, years_abroad, willing, organization_id, email, phone, telegram,
                consent_whatsapp, consent_telegram, consent_sms, consent_email, created_at, updated_at)
            VALUES ($external, $name, $search, $gender, $birth, $region, $country, $city, $zone, $language, $years, $willing,
                $organization, $email, $phone, $telegram, $whatsapp, $consentTelegram, $sms, $consentEmail, $now, $now)
            """;
        var p = new[] { "$external", "$name", "$search", "$gender", "$birth", "$region", "$country", "$city", "$zone", "$language", "$years",
            "$willing", "$organization", "$email", "$phone", "$telegram", "$whatsapp", "$consentTelegram", "$sms", "$consentEmail", "$now" }
            .ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter(n, null)));
        insert.Prepare();
        p["$now"].Value = now;

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

            people[i] = new Person(gender, year - random.Next(from, to + 1), region, country);
            p["$external"].Value = $"bench-{i + 1:D7}";
            p["$name"].Value = name;
            p["$search"].Value = name.ToLowerInvariant();
            p["$gender"].Value = gender;
            p["$birth"].Value = people[i].BirthYear;
            p["$region"].Value = region;
            p["$country"].Value = country;
            p["$city"].Value = city;
            p["$zone"].Value = Cities.TimeZoneFor(country, city);
            p["$language"].Value = language;
            p["$years"].Value = DemoDistributions.YearsAbroad.Next(random);
            p["$willing"].Value = (gender == "female" ? DemoDistributions.WillingWomen : DemoDistributions.WillingMen).Next(random);
            p["$organization"].Value = i < organizationMembers ? 1 : DBNull.Value;
            p["$email"].Value = consent[3] || random.NextDouble() < 0.15 ? $"person{i + 1}@mail.example" : DBNull.Value;
            p["$phone"].Value = hasPhone ? pool[random.Next(pool.Length)] : DBNull.Value;
            p["$telegram"].Value = consent[1] || random.NextDouble() < 0.05 ? $"@person{i + 1}" : DBNull.Value;
            p["$whatsapp"].Value = consent[0] ? 1 : 0;
            p["$consentTelegram"].Value = consent[1] ? 1 : 0;
            p["$sms"].Value = consent[2] ? 1 : 0;
            p["$consentEmail"].Value = consent[3] ? 1 : 0;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        Exec(connection, "ANALYZE;");
        return people;
    }

    public static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
