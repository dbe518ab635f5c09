using CampaignEngine.Web.Features.Compatriots.Import;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class RowValidatorTests
{
    private static Dictionary<string, string> Good() => new()
    {
        ["external_id"] = "p-1", ["full_name"] = "  Айзада   Осмонова ", ["gender"] = "ж", ["birth_year"] = "1990",
        ["home_region"] = "issyk-kul", ["district"] = "Түп району", ["village"] = "", ["country"] = "ru", ["city"] = "Якутск",
        ["language"] = "KY", ["years_abroad"] = "3-5", ["willing"] = "Yes", ["interests"] = "training; charity",
        ["sectors"] = "ict;tourism_and_services", ["organization"] = "Кыргыз Конгресс", ["email"] = "aizada@example.org",
        ["phone"] = "0555 123 456", ["telegram"] = "@aizada_o", ["channels"] = "whatsapp;Telegram;email",
    };

    private static (CompatriotInput? Input, List<ImportError> Errors) Run(Dictionary<string, string> row)
    {
        var errors = new List<ImportError>();
        var input = RowValidator.Validate(name => row.GetValueOrDefault(name), 7, 2026, errors);
        return (input, errors);
    }

    [Fact]
    public void Validate_good_row_normalises_every_field()
    {
        var (input, errors) = Run(Good());
        Assert.Empty(errors);
        Assert.NotNull(input);
        Assert.Equal("Айзада Осмонова", input.FullName);
        Assert.Equal("female", input.Gender);
        Assert.Equal("KG-Y", input.HomeRegion);
        Assert.Equal("RU", input.Country);
        Assert.Equal("Asia/Yakutsk", input.TimeZone);
        Assert.Equal("ky", input.Language);
        Assert.Equal("yes", input.Willing);
        Assert.Equal(["training", "charity"], input.Interests);
        Assert.Equal(["tourism_and_services", "ict"], input.Sectors);
        Assert.Equal("+996555123456", input.Phone);
        Assert.Equal("@aizada_o", input.Telegram);
        Assert.Equal(["whatsapp", "telegram", "email"], input.Channels);
    }

    [Fact]
    public void Validate_city_unknown_uses_country_time_zone()
    {
        var row = Good();
        row["country"] = "AE";
        row["city"] = "Sharjah";
        Assert.Equal("Asia/Dubai", Run(row).Input!.TimeZone);
    }

    [Theory]
    [InlineData("external_id", "")]
    [InlineData("full_name", " ")]
    [InlineData("gender", "q")]
    [InlineData("birth_year", "1900")]
    [InlineData("birth_year", "2020")]
    [InlineData("birth_year", "nineteen")]
    [InlineData("home_region", "KG-X")]
    [InlineData("country", "")]
    [InlineData("country", "XX")]
    [InlineData("language", "de")]
    [InlineData("years_abroad", "7")]
    [InlineData("willing", "maybe")]
    [InlineData("interests", "training;dancing")]
    [InlineData("sectors", "space")]
    [InlineData("channels", "whatsapp;pigeon")]
    [InlineData("email", "not-an-email")]
    [InlineData("email", "a@b")]
    [InlineData("phone", "12345")]
    [InlineData("telegram", "@ab")]
    public void Validate_bad_field_is_reported_with_row_and_field(string field, string value)
    {
        var row = Good();
        row[field] = value;
        var (input, errors) = Run(row);
        Assert.Null(input);
        var error = Assert.Single(errors);
        Assert.Equal(7, error.Row);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Validate_consent_without_address_is_an_error()
    {
        var row = Good();
        row["email"] = "";
        var (_, errors) = Run(row);
        Assert.Equal("channels", Assert.Single(errors).Field);
    }

    [Fact]
    public void Validate_reports_every_bad_field_of_a_row()
    {
        var row = Good();
        row["gender"] = "?";
        row["country"] = "ZZ";
        row["willing"] = "perhaps";
        Assert.Equal(["gender", "country", "willing"], Run(row).Errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_empty_optional_fields_are_fine()
    {
        var row = Good();
        foreach (var field in new[] { "gender", "birth_year", "home_region", "district", "city", "language", "years_abroad", "willing", "interests", "sectors", "organization", "email", "phone", "telegram", "channels" })
            row[field] = "";
        var (input, errors) = Run(row);
        Assert.Empty(errors);
        Assert.Equal("unknown", input!.Gender);
        Assert.Equal("ky", input.Language);
        Assert.Equal("Europe/Moscow", input.TimeZone);
        Assert.Empty(input.Channels);
    }
}
