using CampaignEngine.Web.Features.Compatriots.Import;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("0555 123 456", "KG", "+996555123456")]
    [InlineData("0555 123 456", "RU", "+996555123456")]   // not a Russian number, so read as Kyrgyz
    [InlineData("0555123456", "TR", "+996555123456")]
    [InlineData("+996 (555) 12-34-56", "RU", "+996555123456")]
    [InlineData("+7 916 123-45-67", "RU", "+79161234567")]
    [InlineData("+7 916 123-45-67", "DE", "+79161234567")]
    [InlineData("8 916 123 45 67", "RU", "+79161234567")]
    [InlineData("00996555123456", "RU", "+996555123456")]
    [InlineData("0151 23456789", "DE", "+4915123456789")]
    [InlineData("050 123 4567", "AE", "+971501234567")]
    public void Normalize_to_E164(string raw, string country, string expected) =>
        Assert.Equal(expected, PhoneNormalizer.Normalize(raw, country));

    [Fact]
    public void Normalize_host_country_wins_when_both_readings_are_valid() =>
        // 055 is also a UAE mobile prefix: a migrant in Dubai writing a national number means a UAE SIM.
        Assert.Equal("+971555123456", PhoneNormalizer.Normalize("0555123456", "AE"));

    [Theory]
    [InlineData("call me")]
    [InlineData("123")]
    [InlineData("+999 123 456 789")]
    [InlineData("0000 000 000")]
    public void Normalize_garbage_is_null(string raw) => Assert.Null(PhoneNormalizer.Normalize(raw, "RU"));

    [Fact]
    public void Normalize_empty_is_null() => Assert.Null(PhoneNormalizer.Normalize("  ", "RU"));
}
