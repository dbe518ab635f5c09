using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Import;

namespace CampaignEngine.Web.Features.Demo;

/// <summary>
/// A deterministic synthetic registry: the same seed gives the same people, so demos and tests can count on it.
/// Every draw happens in a fixed order from one seeded <see cref="Random"/>.
/// </summary>
internal static class DemoGenerator
{
    public static List<CompatriotInput> Generate(int count, int seed, int currentYear)
    {
        var random = new Random(seed);
        var people = new List<CompatriotInput>(count);
        for (var i = 1; i <= count; i++) people.Add(One(random, i, currentYear));
        return people;
    }

    private static CompatriotInput One(Random random, int number, int currentYear)
    {
        var gender = DemoDistributions.Gender.Next(random);
        var (from, to) = DemoDistributions.Age.Next(random);
        var birthYear = currentYear - random.Next(from, to + 1);
        var region = DemoDistributions.HomeRegion.Next(random);
        var country = DemoDistributions.Clusters.TryGetValue(region, out var cluster) && random.NextDouble() < cluster.Share
            ? cluster.Countries.Next(random)
            : DemoDistributions.Country.Next(random);
        var city = DemoDistributions.Cities[country].Next(random);
        var western = DemoDistributions.Western.Contains(country);
        var language = (western ? DemoDistributions.LanguageWestern : DemoDistributions.LanguageElsewhere).Next(random);
        var name = DemoNames.Next(random, gender, latin: language == "en");
        var district = DemoDistributions.Districts.TryGetValue(region, out var districts) && random.NextDouble() < 0.8
            ? districts[random.Next(districts.Length)]
            : null;
        var yearsAbroad = DemoDistributions.YearsAbroad.Next(random);
        var willing = (gender == "female" || (gender != "male" && random.Next(2) == 0)
            ? DemoDistributions.WillingWomen
            : DemoDistributions.WillingMen).Next(random);
        var interests = willing == "no" ? [] : Distinct(random, DemoDistributions.Contribution, random.Next(1, 3), Vocabulary.ContributionTypes);
        var sectors = Distinct(random, DemoDistributions.Sector, random.Next(1, 4), Vocabulary.Sectors);

        var channels = DemoDistributions.Consent
            .Where(c => random.NextDouble() < (western ? c.ChanceWestern : c.Chance))
            .Select(c => c.Channel).ToList();
        // Half of those who consented to nothing are still reachable on WhatsApp, the channel everyone has.
        if (channels.Count == 0 && random.NextDouble() < 0.5) channels.Add("whatsapp");
        var needsPhone = channels.Contains("whatsapp") || channels.Contains("sms");
        var phone = needsPhone || random.NextDouble() < 0.85 ? DemoPhones.Next(random, country) : null;
        var email = channels.Contains("email") || random.NextDouble() < 0.15 ? Email(random, name, country) : null;
        var telegram = channels.Contains("telegram") || random.NextDouble() < 0.05 ? Telegram(random, name) : null;
        var organization = DemoOrganizations.For(random, country, city, region);

        return new CompatriotInput(
            $"demo-{number:D6}", name, gender, birthYear, region, district, null, country, city,
            Cities.TimeZoneFor(country, city), language, yearsAbroad, willing, interests, sectors, organization,
            email, phone, telegram, Vocabulary.Channels.Where(channels.Contains).ToList());
    }

    private static List<string> Distinct(Random random, Weighted<string> from, int count, IReadOnlyList<string> order)
    {
        var picked = new HashSet<string>();
        for (var i = 0; i < count * 3 && picked.Count < count; i++) picked.Add(from.Next(random));
        return order.Where(picked.Contains).ToList();
    }

    private static string Email(Random random, string name, string country)
    {
        var parts = Ascii(name);
        var domain = country is "RU" or "KZ" or "BY" or "UA"
            ? new[] { "mail.ru", "gmail.com", "yandex.ru" }[random.Next(3)]
            : new[] { "gmail.com", "outlook.com" }[random.Next(2)];
        return $"{string.Join('.', parts.Take(2))}{random.Next(1, 100)}@{domain}";
    }

    private static string Telegram(Random random, string name)
    {
        var handle = $"{string.Join('_', Ascii(name).Take(2))}{random.Next(10, 100)}";
        return "@" + (handle.Length > 32 ? handle[..30] + random.Next(10, 100) : handle);
    }

    private static List<string> Ascii(string name) =>
        DemoNames.ToLatin(name).ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new string(p.Where(char.IsAsciiLetter).ToArray()))
            .Where(p => p.Length > 0)
            .ToList();
}
