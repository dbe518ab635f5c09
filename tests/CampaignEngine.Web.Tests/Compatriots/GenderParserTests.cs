using CampaignEngine.Web.Features.Compatriots.Import;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class GenderParserTests
{
    [Theory]
    [InlineData("female", "female")]
    [InlineData("FEMALE", "female")]
    [InlineData("f", "female")]
    [InlineData("ж", "female")]
    [InlineData("Ж", "female")]
    [InlineData("жен", "female")]
    [InlineData("жен.", "female")]
    [InlineData("Женский", "female")]
    [InlineData("аял", "female")]
    [InlineData("male", "male")]
    [InlineData("M", "male")]
    [InlineData("м", "male")]
    [InlineData("муж", "male")]
    [InlineData("мужской", "male")]
    [InlineData("Эркек", "male")]
    [InlineData("other", "other")]
    [InlineData("unknown", "unknown")]
    [InlineData("", "unknown")]
    [InlineData("  ", "unknown")]
    [InlineData(null, "unknown")]
    public void Parse_known_spellings(string? raw, string expected) => Assert.Equal(expected, GenderParser.Parse(raw));

    [Theory]
    [InlineData("x")]
    [InlineData("мж")]
    [InlineData("1")]
    public void Parse_unknown_value_is_null(string raw) => Assert.Null(GenderParser.Parse(raw));
}
