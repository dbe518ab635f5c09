namespace CampaignEngine.Web.Features.Demo;

/// <summary>
/// Shares from the 2021 IOM mapping of the Kyrgyz diaspora (population, regions, countries, channels, sectors,
/// contribution kinds), copied here so that the product does not depend on the repository's data files.
/// </summary>
internal static class DemoDistributions
{
    // "Other" was offered by the survey; a small share also leaves gender blank.
    public static readonly Weighted<string> Gender = new(("female", 55), ("male", 43), ("other", 0.5), ("unknown", 1.5));

    public static readonly Weighted<(int From, int To)> Age = new(
        ((18, 24), 11.4), ((25, 29), 17.0), ((30, 39), 32.4), ((40, 49), 27.5), ((50, 59), 8.9), ((60, 69), 2.7));

    public static readonly Weighted<string> YearsAbroad = new(
        ("<1", 6.3), ("1-2", 20.3), ("3-5", 23.8), ("6-10", 16.7), ("10-15", 16.3), (">15", 16.6));

    // 80.2 / 15.8 / 4.0 overall; the report finds women more often "unsure", so the split leans that way by gender.
    public static readonly Weighted<string> WillingWomen = new(("yes", 78.4), ("unsure", 17.6), ("no", 4.0));
    public static readonly Weighted<string> WillingMen = new(("yes", 82.5), ("unsure", 13.5), ("no", 4.0));

    public static readonly Weighted<string> HomeRegion = new(
        ("KG-Y", 10.0), ("KG-N", 6.0), ("KG-T", 4.0), ("KG-B", 4.8), ("KG-J", 13.3), ("KG-O", 4.8), ("KG-C", 5.3),
        ("KG-GB", 35.2), ("KG-GO", 17.0));

    /// <summary>Host countries by share of respondents; Switzerland and Austria were named without a share.</summary>
    public static readonly Weighted<string> Country = new(
        ("RU", 57), ("TR", 7), ("KZ", 4.4), ("DE", 3.8), ("IT", 3.2), ("KR", 2.8), ("US", 2), ("AE", 2), ("CN", 2),
        ("JP", 2), ("UA", 2), ("MY", 1), ("QA", 1), ("FR", 1), ("GB", 1), ("CA", 1), ("PL", 1), ("BY", 1), ("BE", 1),
        ("SE", 1), ("CH", 0.5), ("AT", 0.5));

    /// <summary>
    /// Regional clusters ("jerdeshter") named by the report: the share of a region's natives living in its
    /// regional module's countries, and how they split. The rest follow <see cref="Country"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (double Share, Weighted<string> Countries)> Clusters =
        new Dictionary<string, (double, Weighted<string>)>
        {
            ["KG-Y"] = (0.6, new(("AE", 40), ("CN", 35), ("BE", 25))),
            ["KG-N"] = (0.5, new(("DE", 60), ("QA", 40))),
            ["KG-T"] = (0.5, new(("CA", 50), ("MY", 50))),
            ["KG-B"] = (0.45, new Weighted<string>(("KR", 1))),
            ["KG-J"] = (0.25, new Weighted<string>(("AT", 1))),
            // Bishkek natives: the only group in Switzerland, beside Jalal-Abad's in Austria and Issyk-Kul's in Belgium.
            // The other regions' natives are named in no country of their own: they follow the overall shares.
            ["KG-GB"] = (0.05, new(("CH", 40), ("AT", 30), ("BE", 30))),
        };

    public static readonly IReadOnlyDictionary<string, Weighted<string>> Cities = new Dictionary<string, Weighted<string>>
    {
        ["RU"] = new(("Moscow", 40), ("Saint Petersburg", 14), ("Yekaterinburg", 8), ("Surgut", 4), ("Omsk", 3),
            ("Novosibirsk", 7), ("Krasnoyarsk", 6), ("Abakan", 2), ("Irkutsk", 4), ("Yakutsk", 5),
            ("Yuzhno-Sakhalinsk", 2), ("Krasnodar", 3), ("Rostov-on-Don", 2)),
        ["KZ"] = new(("Almaty", 70), ("Astana", 30)),
        ["TR"] = new(("Istanbul", 70), ("Ankara", 15), ("Antalya", 15)),
        ["DE"] = new(("Berlin", 30), ("Munich", 25), ("Frankfurt", 20), ("Hamburg", 25)),
        ["IT"] = new(("Naples", 40), ("Rome", 30), ("Milan", 30)),
        ["KR"] = new(("Seoul", 50), ("Ansan", 30), ("Incheon", 20)),
        ["US"] = new(("New York", 45), ("Chicago", 30), ("Los Angeles", 25)),
        ["AE"] = new(("Dubai", 80), ("Abu Dhabi", 20)),
        ["CN"] = new(("Guangzhou", 35), ("Urumqi", 30), ("Beijing", 20), ("Shanghai", 15)),
        ["JP"] = new(("Tokyo", 70), ("Osaka", 30)),
        ["UA"] = new(("Kyiv", 70), ("Odesa", 30)),
        ["MY"] = new Weighted<string>(("Kuala Lumpur", 1)),
        ["QA"] = new Weighted<string>(("Doha", 1)),
        ["FR"] = new Weighted<string>(("Paris", 1)),
        ["GB"] = new(("London", 70), ("Edinburgh", 30)),
        ["CA"] = new(("Toronto", 35), ("Calgary", 25), ("Edmonton", 15), ("Vancouver", 25)),
        ["PL"] = new Weighted<string>(("Warsaw", 1)),
        ["BY"] = new Weighted<string>(("Minsk", 1)),
        ["BE"] = new(("Brussels", 70), ("Antwerp", 30)),
        ["SE"] = new Weighted<string>(("Stockholm", 1)),
        ["CH"] = new(("Zurich", 60), ("Lucerne", 40)),
        ["AT"] = new Weighted<string>(("Vienna", 1)),
    };

    /// <summary>Countries where second-generation migrants and Western audiences read English.</summary>
    public static readonly IReadOnlySet<string> Western = new HashSet<string> { "US", "CA", "GB", "DE", "FR", "BE", "SE", "CH", "AT", "IT", "PL" };

    public static readonly Weighted<string> LanguageWestern = new(("ky", 45), ("ru", 35), ("en", 20));
    public static readonly Weighted<string> LanguageElsewhere = new(("ky", 63), ("ru", 36), ("en", 1));

    /// <summary>
    /// Chance of consent per channel, scaled from channel use among migrants (WhatsApp 37.9%, Telegram 8.4%,
    /// e-mail 3%) and with family (SMS/calls 13%, the fallback that reaches every phone).
    /// </summary>
    public static readonly (string Channel, double Chance, double ChanceWestern)[] Consent =
        [("whatsapp", 0.78, 0.70), ("telegram", 0.18, 0.22), ("sms", 0.27, 0.20), ("email", 0.07, 0.25)];

    public static readonly Weighted<string> Sector = new(
        ("tourism_and_services", 15.6), ("entrepreneurship_and_investment", 11.9), ("ict", 11.9),
        ("organic_agriculture", 10.1), ("online_trade", 9.9), ("construction", 6.5), ("trade", 6.5),
        ("garment_industry", 6.0), ("transport_and_communications", 5.0), ("energy", 4.8), ("green_energy", 4.7),
        ("mining", 4.2), ("financial_services", 2.8), ("healthcare", 2), ("education_and_science", 2),
        ("water_and_sanitation", 2), ("rural_infrastructure", 2), ("environmental_awareness", 2),
        ("emergency_preparedness", 1), ("women_and_youth_entrepreneurship", 2), ("charity_projects", 2));

    public static readonly Weighted<string> Contribution = new(
        ("training", 20.5), ("information_exchange", 16.7), ("consulting", 15.3), ("investment", 11.0),
        ("charity", 10.9), ("master_classes", 10.0), ("networking", 9.1), ("lectures", 6.6), ("job_creation", 0.5),
        ("in_kind", 5));

    public static readonly IReadOnlyDictionary<string, string[]> Districts = new Dictionary<string, string[]>
    {
        ["KG-Y"] = ["Ысык-Көл району", "Түп району", "Ак-Суу району", "Жети-Өгүз району", "Тоң району"],
        ["KG-N"] = ["Ат-Башы району", "Кочкор району", "Жумгал району", "Ак-Талаа району", "Нарын району"],
        ["KG-T"] = ["Бакай-Ата району", "Кара-Буура району", "Манас району", "Талас району"],
        ["KG-B"] = ["Баткен району", "Кадамжай району", "Лейлек району"],
        ["KG-J"] = ["Аксы району", "Ала-Бука району", "Базар-Коргон району", "Ноокен району", "Сузак району", "Токтогул району", "Чаткал району"],
        ["KG-O"] = ["Алай району", "Араван району", "Кара-Кулжа району", "Кара-Суу району", "Ноокат району", "Өзгөн району", "Чоң-Алай району"],
        ["KG-C"] = ["Аламүдүн району", "Жайыл району", "Кемин району", "Москва району", "Панфилов району", "Сокулук району", "Ысык-Ата району"],
    };
}
