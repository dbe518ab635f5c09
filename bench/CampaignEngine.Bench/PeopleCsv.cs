using System.Globalization;
using System.Text;
using CampaignEngine.Web.Features.Compatriots.Import;
using CampaignEngine.Web.Features.Demo;

namespace CampaignEngine.Bench;

/// <summary>A person the search item looks for: written into the file at a known row, so every query has an answer.</summary>
internal sealed record Probe(string ExternalId, string FullName, string PhoneWritten, string Phone, string HomeRegion);

/// <summary>What was written: the file, its rows, the bad rows among them, and the people the search item looks for.</summary>
internal sealed record PeopleFile(string Path, int Rows, int BadRows, string CommonFirstName, Probe Probe);

/// <summary>
/// An import file as a registry office or an association would send it: Kyrgyz and Russian names in Cyrillic and in
/// the Latin spellings passports and spreadsheets disagree on (Жылдыз, Jyldyz, Zhyldyz), first names drawn so that many
/// people share the common ones (a Zipf law: the commonest is some 4% of people, as Айзада or Азамат are), phones written
/// as people write them (<c>8 (916) 123-45-67</c>, <c>0555 123 456</c>, <c>+996 555 12 34 56</c>), the demo's shares
/// (IOM 2021) for region, country, language and consent, and one row in two hundred with a fault the import must
/// report by row and field.
/// </summary>
internal static class PeopleCsv
{
    private static readonly string[] KyrgyzFemale =
    [
        "Айзада", "Айгүл", "Жылдыз", "Гүлнара", "Асель", "Нургүл", "Чолпон", "Айпери", "Бермет", "Динара", "Гүлзат", "Мээрим",
        "Анара", "Элнура", "Айжан", "Назгүл", "Бүбүсара", "Сезим", "Айнура", "Акмөөр", "Күнбүбү", "Мөлдүр", "Үмүт", "Каныкей",
        "Жаңыл", "Төрөкан", "Нуриза", "Айсулуу", "Гүлмира", "Аида", "Жазгүл", "Бактыгүл", "Самара", "Перизат", "Нурайым",
    ];

    private static readonly string[] KyrgyzMale =
    [
        "Азамат", "Бакыт", "Нурлан", "Эрлан", "Айбек", "Улан", "Эрмек", "Талант", "Мирлан", "Темирлан", "Бекзат", "Нурбек",
        "Өмүрбек", "Үсөн", "Төлөгөн", "Эркин", "Алмаз", "Кубанычбек", "Медер", "Чыңгыз", "Жаңыбек", "Асан", "Мелис", "Данияр",
        "Канат", "Тилек", "Адилет", "Бектур", "Самат", "Өмүр", "Жоомарт", "Нурсултан", "Жыргалбек", "Кайрат", "Эмил",
    ];

    private static readonly string[] RussianFemale =
    [
        "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анастасия", "Юлия", "Екатерина", "Мария", "Людмила", "Галина",
    ];

    private static readonly string[] RussianMale =
    [
        "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Владимир", "Евгений", "Игорь", "Николай", "Михаил", "Виктор", "Юрий",
    ];

    private static readonly string[] KyrgyzSurnames =
    [
        "Асанов", "Осмонов", "Жумабаев", "Сыдыков", "Абдыкадыров", "Мамытов", "Токтосунов", "Кадыров", "Өмүрбеков", "Үсөнов",
        "Төлөгөнов", "Бекболотов", "Сатыбалдиев", "Эшимов", "Турдубаев", "Курманбеков", "Шабданов", "Акматов", "Бөкөнбаев",
        "Чыңгышев", "Жаңыбаев", "Көчкөнов", "Садыров", "Молдокматов", "Токтогулов", "Ибраимов", "Алымкулов", "Дүйшөнбиев",
        "Карыпбеков", "Нурматов", "Сүйүнбаев", "Орозбеков", "Жээнбеков", "Абдырахманов", "Мамбетов", "Бейшеев", "Кожобеков",
        "Темиров", "Исаков", "Усенбаев",
    ];

    private static readonly string[] RussianSurnames =
    [
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков",
    ];

    private static readonly string[] Fathers = ["Бекболот", "Токтогул", "Асан", "Осмон", "Жумабай", "Сыдык", "Мамыт", "Үсөн", "Шабдан", "Акмат"];

    private static readonly string[] Organizations = ["Кыргыз диаспорасы Москва", "Ала-Too Community", "Мекендештер", "Kyrgyz Society Istanbul", "Нарын жердештиги"];

    // How the first names are shared: the commonest name of a list is chosen most often, and so on down a Zipf law.
    private static readonly Weighted<string> FemaleKyrgyz = Zipf(KyrgyzFemale);
    private static readonly Weighted<string> MaleKyrgyz = Zipf(KyrgyzMale);
    private static readonly Weighted<string> FemaleRussian = Zipf(RussianFemale);
    private static readonly Weighted<string> MaleRussian = Zipf(RussianMale);

    /// <summary>The commonest first name, the hard case of a search: tens of thousands of people share it in a million.</summary>
    public static string CommonFirstName => KyrgyzFemale[0];

    private static Weighted<string> Zipf(string[] names) =>
        new(names.Select((name, rank) => (name, 1 / Math.Pow(rank + 1, 0.8))).ToArray());

    /// <summary>Writes <paramref name="count"/> rows to <paramref name="path"/>; the person of the middle row is the probe.</summary>
    public static PeopleFile Write(string path, int count, int seed = 1991)
    {
        var random = new Random(seed);
        var year = DateTime.UtcNow.Year;
        var pools = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var bad = 0;
        Probe? probe = null;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 20);
        writer.Write(CompatriotColumns.Header + "\r\n");
        for (var i = 0; i < count; i++)
        {
            var person = Next(random, year, pools);
            // The probe must be findable by phone too.
            while (i == count / 2 && person.Phone is null) person = Next(random, year, pools);
            var fault = (i % 200 == 199) ? i / 200 % 5 : -1;
            if (fault >= 0) bad++;
            var fields = person.Fields(fault);
            if (i == count / 2) probe = new Probe(Person.ExternalId(i), person.Name, person.PhoneWritten!, person.Phone!, person.Region);
            writer.Write(string.Join(',', fields.Select(Quote)).Replace("{id}", Person.ExternalId(i), StringComparison.Ordinal));
            writer.Write("\r\n");
        }
        return new PeopleFile(path, count, bad, CommonFirstName, probe ?? throw new InvalidOperationException("No probe row."));
    }

    private sealed record Person(string Name, string Gender, int BirthYear, string Region, string Country, string City, string Language,
        string? Email, string? Phone, string? PhoneWritten, string? Telegram, string? Organization, string Channels)
    {
        public static string ExternalId(int index) => string.Create(CultureInfo.InvariantCulture, $"KG-{index + 1:D7}");

        /// <summary>The row's values; <paramref name="fault"/> ≥ 0 spoils one field in one of five ways.</summary>
        public string[] Fields(int fault) =>
        [
            "{id}", Name, fault == 1 ? "перевёртыш" : Gender, (fault == 2 ? 1800 : BirthYear).ToString(CultureInfo.InvariantCulture), Region,
            "", "", fault == 3 ? "" : Country, City, Language, "3-5", "yes", "", "", Organization ?? "", fault == 4 ? "" : Email ?? "",
            fault == 0 ? "+7 12" : PhoneWritten ?? "", Telegram ?? "", fault == 4 ? "email" : Channels,
        ];
    }

    private static Person Next(Random random, int year, Dictionary<string, string[]> pools)
    {
        var gender = DemoDistributions.Gender.Next(random);
        var female = gender == "female" || (gender != "male" && random.Next(2) == 0);
        var region = DemoDistributions.HomeRegion.Next(random);
        var country = DemoDistributions.Clusters.TryGetValue(region, out var cluster) && random.NextDouble() < cluster.Share
            ? cluster.Countries.Next(random) : DemoDistributions.Country.Next(random);
        var western = DemoDistributions.Western.Contains(country);
        var language = (western ? DemoDistributions.LanguageWestern : DemoDistributions.LanguageElsewhere).Next(random);
        var name = Name(random, female, latin: language == "en" || random.NextDouble() < 0.1);
        var (phone, written) = random.NextDouble() < 0.85 ? Phone(random, country, pools) : (null, null);
        var email = random.NextDouble() < 0.3 ? string.Create(CultureInfo.InvariantCulture, $"p{random.Next():x}@mail.example") : null;
        var telegram = random.NextDouble() < 0.1 ? string.Create(CultureInfo.InvariantCulture, $"@user{random.Next():x}") : null;
        var channels = new List<string>();
        if (phone is not null && random.NextDouble() < 0.7) channels.Add("whatsapp");
        if (telegram is not null) channels.Add("telegram");
        if (phone is not null && random.NextDouble() < 0.3) channels.Add("sms");
        if (email is not null && random.NextDouble() < 0.8) channels.Add("email");
        var (from, to) = DemoDistributions.Age.Next(random);
        return new Person(name, random.Next(4) switch { 0 => female ? "ж" : "м", 1 => female ? "f" : "m", _ => female ? "female" : "male" },
            year - random.Next(from, to + 1), random.Next(3) == 0 ? ModuleOf(region) : region, country,
            DemoDistributions.Cities.TryGetValue(country, out var cities) ? cities.Next(random) : "", language, email, phone, written, telegram,
            random.NextDouble() < 0.05 ? Organizations[random.Next(Organizations.Length)] : null, string.Join(';', channels));
    }

    private static string Name(Random random, bool female, bool latin)
    {
        var russian = random.NextDouble() < 0.12;
        var given = russian ? (female ? FemaleRussian : MaleRussian).Next(random) : (female ? FemaleKyrgyz : MaleKyrgyz).Next(random);
        var name = !russian && random.NextDouble() < 0.15
            ? $"{given} {Fathers[random.Next(Fathers.Length)]} {(female ? "кызы" : "уулу")}"
            : $"{given} {(russian ? RussianSurnames : KyrgyzSurnames)[random.Next(russian ? RussianSurnames.Length : KyrgyzSurnames.Length)]}{(female ? "а" : "")}";
        if (!latin) return random.Next(50) == 0 ? name.ToUpperInvariant() : name;
        // Latin spellings disagree: Zhyldyz or Jyldyz, Aigul or Aygul.
        var spelled = DemoNames.ToLatin(name);
        return random.Next(3) switch
        {
            0 => spelled.Replace("Zh", "J", StringComparison.Ordinal).Replace("zh", "j", StringComparison.Ordinal),
            1 => spelled.Replace("ai", "ay", StringComparison.Ordinal),
            _ => spelled,
        };
    }

    // A phone from the host country's valid mobile numbers with its last six digits drawn, written as people write it;
    // one in ten keeps the Kyrgyz SIM from home.
    private static (string E164, string Written) Phone(Random random, string country, Dictionary<string, string[]> pools)
    {
        var home = random.NextDouble() < 0.1 ? "KG" : country;
        if (!pools.TryGetValue(home, out var pool))
            pools[home] = pool = Enumerable.Range(0, 16).Select(_ => DemoPhones.Next(random, home)).ToArray();
        var e164 = pool[random.Next(pool.Length)][..^6] + random.Next(1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var digits = e164[1..];
        var written = (home, random.Next(3)) switch
        {
            ("KG", 0) => "0" + digits[3..6] + " " + digits[6..9] + " " + digits[9..],
            ("KG", _) => "+996 " + digits[3..6] + " " + digits[6..8] + " " + digits[8..10] + " " + digits[10..],
            ("RU" or "KZ", 0) => $"8 ({digits[1..4]}) {digits[4..7]}-{digits[7..9]}-{digits[9..]}",
            ("RU" or "KZ", 1) => "8" + digits[1..],
            _ => e164,
        };
        return (e164, written);
    }

    private static string ModuleOf(string region) => region switch
    {
        "KG-Y" => "issyk-kul", "KG-N" => "naryn", "KG-T" => "talas", "KG-B" => "batken", "KG-J" => "jalal-abad",
        _ => region,
    };

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
