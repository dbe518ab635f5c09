namespace CampaignEngine.Core.Reference;

/// <summary>A city whose time zone differs from (or confirms) its country's default.</summary>
public sealed record City(string Country, string NameEn, string NameRu, string TimeZone);

/// <summary>
/// Cities that pin a time zone. Russia alone spans eleven zones, so a migrant in Yakutsk must not be
/// written to at Moscow's 10:00.
/// </summary>
public static class Cities
{
    /// <summary>Every city with a known time zone.</summary>
    public static readonly IReadOnlyList<City> All =
    [
        new("RU", "Moscow", "Москва", "Europe/Moscow"),
        new("RU", "Saint Petersburg", "Санкт-Петербург", "Europe/Moscow"),
        new("RU", "Yekaterinburg", "Екатеринбург", "Asia/Yekaterinburg"),
        new("RU", "Surgut", "Сургут", "Asia/Yekaterinburg"),
        new("RU", "Omsk", "Омск", "Asia/Omsk"),
        new("RU", "Novosibirsk", "Новосибирск", "Asia/Novosibirsk"),
        new("RU", "Krasnoyarsk", "Красноярск", "Asia/Krasnoyarsk"),
        new("RU", "Abakan", "Абакан", "Asia/Krasnoyarsk"),
        new("RU", "Irkutsk", "Иркутск", "Asia/Irkutsk"),
        new("RU", "Yakutsk", "Якутск", "Asia/Yakutsk"),
        new("RU", "Yuzhno-Sakhalinsk", "Южно-Сахалинск", "Asia/Sakhalin"),
        new("RU", "Krasnodar", "Краснодар", "Europe/Moscow"),
        new("RU", "Rostov-on-Don", "Ростов-на-Дону", "Europe/Moscow"),
        new("KZ", "Almaty", "Алматы", "Asia/Almaty"),
        new("KZ", "Astana", "Астана", "Asia/Almaty"),
        new("CA", "Toronto", "Торонто", "America/Toronto"),
        new("CA", "Calgary", "Калгари", "America/Edmonton"),
        new("CA", "Edmonton", "Эдмонтон", "America/Edmonton"),
        new("CA", "Vancouver", "Ванкувер", "America/Vancouver"),
        new("US", "New York", "Нью-Йорк", "America/New_York"),
        new("US", "Chicago", "Чикаго", "America/Chicago"),
        new("US", "Los Angeles", "Лос-Анджелес", "America/Los_Angeles"),
    ];

    /// <summary>The city named <paramref name="name"/> (English or Russian) in <paramref name="country"/>; null when unknown.</summary>
    public static City? Find(string country, string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var key = name.Trim();
        return All.FirstOrDefault(c =>
            c.Country.Equals(country, StringComparison.OrdinalIgnoreCase) &&
            (c.NameEn.Equals(key, StringComparison.OrdinalIgnoreCase) ||
             c.NameRu.Equals(key, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The IANA zone for a recipient: the city's when known, else the country's default, else UTC.</summary>
    public static string TimeZoneFor(string country, string? city) =>
        Find(country, city)?.TimeZone ?? Countries.Find(country)?.DefaultTimeZone ?? "UTC";
}
