using System.Globalization;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Tests.Unit;

/// <summary>
/// How an amount typed into a page is read, per language. "12,50" on a Kyrgyz page once became 1,250: the table below
/// is what each language's readers write, what the other convention's readers write there by habit, and what is refused
/// rather than guessed.
/// </summary>
public sealed class AmountParserTests
{
    private const decimal Ceiling = 10_000_000m;

    [Theory]
    // Kyrgyz and Russian: a decimal comma, spaces (ordinary, no-break, narrow no-break) between thousands.
    [InlineData("ky", "12,50", "12.50")]
    [InlineData("ky", "12,5", "12.5")]
    [InlineData("ky", "1 250,50", "1250.50")]
    [InlineData("ky", "1\u00A0250,50", "1250.50")]
    [InlineData("ky", "1\u202F250", "1250")]
    [InlineData("ky", "1 250 000", "1250000")]
    [InlineData("ky", " 150 ", "150")]
    [InlineData("ru", "12,50", "12.50")]
    [InlineData("ru", "0,5", "0.5")]
    [InlineData("ru", ",50", "0.50")]
    [InlineData("ru", "1 250,5", "1250.5")]
    // The other decimal mark where it cannot group thousands.
    [InlineData("ru", "12.50", "12.50")]
    [InlineData("ky", "1 250.50", "1250.50")]
    [InlineData("ru", "0.125", null)]
    // English: a decimal point, commas (or spaces) between thousands.
    [InlineData("en", "12.50", "12.50")]
    [InlineData("en", "1,250.50", "1250.50")]
    [InlineData("en", "1,250", "1250")]
    [InlineData("en", "1,250,000", "1250000")]
    [InlineData("en", "1 250.50", "1250.50")]
    // A comma before one or two digits cannot group thousands: a decimal comma typed by habit.
    [InlineData("en", "12,50", "12.50")]
    [InlineData("en", "12,5", "12.5")]
    [InlineData("en", "1 250,50", "1250.50")]
    [InlineData("en", "150", "150")]
    public void An_amount_is_read_as_the_pages_language_writes_it(string language, string typed, string? expected)
    {
        var parsed = AmountParser.Parse(typed, language, Ceiling);
        if (expected is null)
        {
            Assert.Equal(AmountError.TooManyDecimals, parsed.Error);
            return;
        }
        Assert.Null(parsed.Error);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), parsed.Value);
    }

    [Theory]
    [InlineData("ru", "1,250", nameof(AmountError.Ambiguous))]
    [InlineData("ky", "1,250", nameof(AmountError.Ambiguous))]
    [InlineData("ru", "1.250", nameof(AmountError.Ambiguous))]
    [InlineData("en", "1.250", nameof(AmountError.Ambiguous))]
    [InlineData("en", "12.500", nameof(AmountError.Ambiguous))]
    [InlineData("ru", "1,250.50", nameof(AmountError.TwoDecimalMarks))]
    [InlineData("ru", "1.250,50", nameof(AmountError.TwoDecimalMarks))]
    [InlineData("en", "1.250,50", nameof(AmountError.TwoDecimalMarks))]
    [InlineData("ru", "1,2,3", nameof(AmountError.TwoDecimalMarks))]
    [InlineData("en", "1.2.3", nameof(AmountError.TwoDecimalMarks))]
    [InlineData("ru", "1.250.000", nameof(AmountError.TwoDecimalMarks))]
    [InlineData("ru", "12,505", nameof(AmountError.Ambiguous))]
    [InlineData("ru", "12,5055", nameof(AmountError.TooManyDecimals))]
    [InlineData("en", "12.505", nameof(AmountError.Ambiguous))]
    [InlineData("en", "1,2500", nameof(AmountError.TooManyDecimals))]
    [InlineData("en", "0.125", nameof(AmountError.TooManyDecimals))]
    [InlineData("ru", "сто", nameof(AmountError.NotANumber))]
    [InlineData("en", "12 EUR", nameof(AmountError.NotANumber))]
    [InlineData("ru", "12€", nameof(AmountError.NotANumber))]
    [InlineData("en", "1e5", nameof(AmountError.NotANumber))]
    [InlineData("en", "$100", nameof(AmountError.NotANumber))]
    [InlineData("ru", "12 50", nameof(AmountError.NotANumber))]
    [InlineData("en", "1,25,000", nameof(AmountError.NotANumber))]
    [InlineData("ru", "12,", nameof(AmountError.NotANumber))]
    [InlineData("ru", "１２", nameof(AmountError.NotANumber))]
    [InlineData("ru", "-5", nameof(AmountError.NotPositive))]
    [InlineData("en", "\u22125", nameof(AmountError.NotPositive))]
    [InlineData("ky", "0", nameof(AmountError.NotPositive))]
    [InlineData("ky", "0,00", nameof(AmountError.NotPositive))]
    [InlineData("en", "10,000,001", nameof(AmountError.TooLarge))]
    [InlineData("ru", "99999999999999999999999999999999", nameof(AmountError.TooLarge))]
    [InlineData("ru", "", nameof(AmountError.Empty))]
    [InlineData("en", "   ", nameof(AmountError.Empty))]
    public void What_could_be_read_two_ways_or_is_no_amount_is_refused_with_its_reason(string language, string typed, string error)
    {
        var parsed = AmountParser.Parse(typed, language, Ceiling);
        Assert.Null(parsed.Value);
        Assert.Equal(error, parsed.Error.ToString());
    }

    [Fact]
    public void Each_refusal_has_a_message_per_field_in_every_language()
    {
        var texts = new UiText();
        foreach (var field in new[] { "amount", "hours" })
        foreach (var error in Enum.GetValues<AmountError>())
        foreach (var language in new[] { "ky", "ru", "en" })
        {
            var key = ParsedAmount.Refused(error).ErrorKey(field)!;
            Assert.Contains(key, texts.Keys(language));
        }
    }

    [Theory]
    [InlineData(12.5, "ky", "12,50")]
    [InlineData(1250.5, "ru", "1\u00A0250,50")]
    [InlineData(150, "ru", "150")]
    [InlineData(1250000, "ky", "1\u00A0250\u00A0000")]
    [InlineData(12.5, "en", "12.50")]
    [InlineData(1250, "en", "1,250")]
    public void An_amount_is_written_back_as_the_reader_writes_it(double value, string language, string written) =>
        Assert.Equal(written, AmountParser.Format((decimal)value, language));
}
