namespace CampaignEngine.Core.Reference;

/// <summary>A host country of the diaspora, with the time zone used when a recipient's city is unknown.</summary>
public sealed record Country(string Iso2, LocalizedText Name, string DefaultTimeZone, string Currency);

/// <summary>Host countries named in the 2021 diaspora mapping.</summary>
public static class Countries
{
    /// <summary>Every known host country.</summary>
    public static readonly IReadOnlyList<Country> All =
    [
        new("RU", new("Орусия", "Россия", "Russia"), "Europe/Moscow", "RUB"),
        new("TR", new("Түркия", "Турция", "Turkey"), "Europe/Istanbul", "TRY"),
        new("KZ", new("Казакстан", "Казахстан", "Kazakhstan"), "Asia/Almaty", "KZT"),
        new("DE", new("Германия", "Германия", "Germany"), "Europe/Berlin", "EUR"),
        new("IT", new("Италия", "Италия", "Italy"), "Europe/Rome", "EUR"),
        new("KR", new("Түштүк Корея", "Южная Корея", "South Korea"), "Asia/Seoul", "KRW"),
        new("US", new("АКШ", "США", "United States"), "America/New_York", "USD"),
        new("AE", new("БАЭ", "ОАЭ", "United Arab Emirates"), "Asia/Dubai", "AED"),
        new("CN", new("Кытай", "Китай", "China"), "Asia/Shanghai", "CNY"),
        new("JP", new("Япония", "Япония", "Japan"), "Asia/Tokyo", "JPY"),
        new("UA", new("Украина", "Украина", "Ukraine"), "Europe/Kyiv", "UAH"),
        new("MY", new("Малайзия", "Малайзия", "Malaysia"), "Asia/Kuala_Lumpur", "MYR"),
        new("QA", new("Катар", "Катар", "Qatar"), "Asia/Qatar", "QAR"),
        new("FR", new("Франция", "Франция", "France"), "Europe/Paris", "EUR"),
        new("GB", new("Улуу Британия", "Великобритания", "United Kingdom"), "Europe/London", "GBP"),
        new("CA", new("Канада", "Канада", "Canada"), "America/Toronto", "CAD"),
        new("PL", new("Польша", "Польша", "Poland"), "Europe/Warsaw", "PLN"),
        new("BY", new("Беларусь", "Беларусь", "Belarus"), "Europe/Minsk", "BYN"),
        new("BE", new("Бельгия", "Бельгия", "Belgium"), "Europe/Brussels", "EUR"),
        new("SE", new("Швеция", "Швеция", "Sweden"), "Europe/Stockholm", "SEK"),
        new("CH", new("Швейцария", "Швейцария", "Switzerland"), "Europe/Zurich", "CHF"),
        new("AT", new("Австрия", "Австрия", "Austria"), "Europe/Vienna", "EUR"),
    ];

    /// <summary>The country with ISO 3166-1 alpha-2 code <paramref name="iso2"/>, case-insensitively; null when unknown.</summary>
    public static Country? Find(string? iso2) =>
        string.IsNullOrWhiteSpace(iso2)
            ? null
            : All.FirstOrDefault(c => c.Iso2.Equals(iso2.Trim(), StringComparison.OrdinalIgnoreCase));
}
