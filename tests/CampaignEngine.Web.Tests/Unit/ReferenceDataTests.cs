using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Tests.Unit;

public sealed class ReferenceDataTests
{
    [Theory]
    [InlineData("RU", "Yakutsk", "Asia/Yakutsk")]
    [InlineData("RU", "Якутск", "Asia/Yakutsk")]
    [InlineData("RU", "Kazan", "Europe/Moscow")]
    [InlineData("RU", null, "Europe/Moscow")]
    [InlineData("CA", "Calgary", "America/Edmonton")]
    [InlineData("AE", "Dubai", "Asia/Dubai")]
    [InlineData("ZZ", null, "UTC")]
    public void Time_zone_comes_from_the_city_else_the_country(string country, string? city, string zone) =>
        Assert.Equal(zone, Cities.TimeZoneFor(country, city));

    [Fact]
    public void Every_time_zone_is_known_to_the_runtime()
    {
        foreach (var zone in Countries.All.Select(c => c.DefaultTimeZone).Concat(Cities.All.Select(c => c.TimeZone)))
            Assert.NotNull(TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    [Theory]
    [InlineData("KG-Y", "KG-Y")]
    [InlineData("issyk-kul", "KG-Y")]
    [InlineData("kg-n", "KG-N")]
    [InlineData(" Jalal-Abad ", "KG-J")]
    public void Region_is_found_by_code_or_id(string input, string code) => Assert.Equal(code, Regions.Find(input)!.Code);

    [Fact]
    public void Unknown_region_is_null() => Assert.Null(Regions.Find("KG-X"));

    [Theory]
    [InlineData(2009, "unknown")]
    [InlineData(2002, "18-24")]
    [InlineData(1997, "25-29")]
    [InlineData(1996, "30-39")]
    [InlineData(1987, "30-39")]
    [InlineData(1976, "50-59")]
    [InlineData(1950, "60+")]
    [InlineData(null, "unknown")]
    public void Age_band_in_2026(int? birthYear, string band) => Assert.Equal(band, Vocabulary.AgeBandOf(birthYear, 2026));

    [Fact]
    public void Fallback_order_starts_with_the_wanted_language_then_the_module_order() =>
        Assert.Equal(["en", "ky", "ru"], Languages.FallbackOrder("en", ["ky", "ru", "en"]));

    [Fact]
    public void Fallback_skips_a_language_the_module_does_not_offer() =>
        Assert.Equal(["ru"], Languages.FallbackOrder("ky", ["ru"]));
}
