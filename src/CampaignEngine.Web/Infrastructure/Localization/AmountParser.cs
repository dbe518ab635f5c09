using System.Globalization;

namespace CampaignEngine.Web.Infrastructure.Localization;

/// <summary>Why a typed number was refused; each has its own message per field (<c>amount.error.*</c>, <c>hours.error.*</c>).</summary>
internal enum AmountError
{
    Empty,
    NotANumber,
    Ambiguous,
    TwoDecimalMarks,
    TooManyDecimals,
    NotPositive,
    TooLarge,
}

/// <summary>A typed number read: its value, or why it was refused.</summary>
internal readonly record struct ParsedAmount(decimal? Value, AmountError? Error)
{
    public static ParsedAmount Refused(AmountError error) => new(null, error);

    /// <summary>The message key for the field (<c>amount</c>, <c>hours</c>, …): <c>{field}.error.{kind}</c>.</summary>
    public string? ErrorKey(string field) => Error is { } error ? $"{field}.error.{char.ToLowerInvariant(error.ToString()[0])}{error.ToString()[1..]}" : null;
}

/// <summary>
/// Reads an amount a person typed, by the page's language: the one place every form that takes money or hours from a
/// person goes through (JSON clients send numbers and never come here). Model binding read "12,50" with the invariant
/// culture as 1,250 — a pledge a hundred times too high that nobody noticed.
/// <list type="bullet">
/// <item>ky and ru write "12,50" and "1 250,50" (space, no-break space or narrow no-break space between thousands);
/// a point is read as the decimal mark too where it cannot be a thousands separator ("12.50").</item>
/// <item>en writes "12.50" and "1,250.50"; a comma is read as the decimal mark where it cannot group thousands
/// ("12,50").</item>
/// <item>Refused, never guessed: a mark followed by exactly three digits that the other convention would read the other
/// way ("1,250" on a ru page, "1.250" on an en page), two decimal marks, more decimals than the field allows, letters,
/// signs, zero, and values above the caller's ceiling.</item>
/// </list>
/// </summary>
internal static class AmountParser
{
    // Ordinary, no-break, narrow no-break and thin spaces: what keyboards, phones and copied figures put between thousands.
    private static readonly char[] Spaces = [' ', '\u00A0', '\u202F', '\u2009'];

    // Beyond this many integer digits no pledge or hour count makes sense, and decimal would start to round.
    private const int MaxIntegerDigits = 15;

    public static ParsedAmount Parse(string? text, string language, decimal ceiling, int maxDecimals = 2)
    {
        var trimmed = text?.Trim(Spaces).Trim() ?? "";
        if (trimmed.Length == 0) return ParsedAmount.Refused(AmountError.Empty);
        var negative = trimmed[0] is '-' or '\u2212';
        if (negative) trimmed = trimmed[1..].TrimStart(Spaces);
        var read = Read(trimmed, language == "en", maxDecimals);
        if (read.Error is not null) return read;
        var value = read.Value!.Value;
        if (negative || value <= 0) return ParsedAmount.Refused(AmountError.NotPositive);
        return value > ceiling ? ParsedAmount.Refused(AmountError.TooLarge) : read;
    }

    private static ParsedAmount Read(string text, bool english, int maxDecimals)
    {
        if (text.Length == 0 || !text.All(c => char.IsAsciiDigit(c) || c is ',' or '.' || Spaces.Contains(c)))
            return ParsedAmount.Refused(AmountError.NotANumber);
        var commas = text.Count(c => c == ',');
        var points = text.Count(c => c == '.');
        if (commas + points == 0) return Number(text, "", maxDecimals);
        if (english && points <= 1 && commas >= 1 && (points == 0 || text.LastIndexOf(',') < text.IndexOf('.', StringComparison.Ordinal)))
        {
            // English groups thousands with commas: "1,250", "1,250,000.50". A lone comma before one or two digits is a decimal comma.
            var integer = points == 0 ? text : text[..text.IndexOf('.', StringComparison.Ordinal)];
            var fraction = points == 0 ? "" : text[(text.IndexOf('.', StringComparison.Ordinal) + 1)..];
            if (IsGrouped(integer, ',')) return Number(integer.Replace(",", "", StringComparison.Ordinal), fraction, maxDecimals);
            if (commas == 1 && points == 0) return Decimal(text, ',', maxDecimals);
            return ParsedAmount.Refused(AmountError.NotANumber);
        }
        if (commas + points > 1) return ParsedAmount.Refused(AmountError.TwoDecimalMarks);
        return Decimal(text, commas == 1 ? ',' : '.', maxDecimals);
    }

    /// <summary>One decimal mark: its digits after it decide whether it could also have been a thousands separator.</summary>
    private static ParsedAmount Decimal(string text, char mark, int maxDecimals)
    {
        var at = text.IndexOf(mark, StringComparison.Ordinal);
        var integer = text[..at];
        var fraction = text[(at + 1)..];
        if (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit)) return ParsedAmount.Refused(AmountError.NotANumber);
        // "1,250" on a ru page or "1.250" on an en page: one and a quarter, or twelve hundred and fifty? Asked, not guessed.
        var couldGroup = fraction.Length == 3 && integer.Length is >= 1 and <= 3 && integer.All(char.IsAsciiDigit) && integer[0] != '0';
        if (couldGroup) return ParsedAmount.Refused(AmountError.Ambiguous);
        return Number(integer, fraction, maxDecimals);
    }

    private static ParsedAmount Number(string integer, string fraction, int maxDecimals)
    {
        var digits = string.Concat(integer.Where(c => !Spaces.Contains(c)));
        if (integer.Any(Spaces.Contains) && !IsGrouped(integer, Spaces)) return ParsedAmount.Refused(AmountError.NotANumber);
        if (!digits.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || digits.Length + fraction.Length == 0)
            return ParsedAmount.Refused(AmountError.NotANumber);
        if (fraction.Length > maxDecimals) return ParsedAmount.Refused(AmountError.TooManyDecimals);
        if (digits.TrimStart('0').Length > MaxIntegerDigits) return ParsedAmount.Refused(AmountError.TooLarge);
        var canonical = (digits.Length == 0 ? "0" : digits) + (fraction.Length == 0 ? "" : "." + fraction);
        return new ParsedAmount(decimal.Parse(canonical, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), null);
    }

    private static bool IsGrouped(string integer, params char[] separators)
    {
        var groups = integer.Split(separators);
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3) && groups.All(g => g.All(char.IsAsciiDigit));
    }

    /// <summary>
    /// An amount as the reader writes it: "1 250,50" in ky and ru (a no-break space between thousands), "1,250.50" in en;
    /// whole amounts without decimals. Written out here rather than taken from a culture, so it reads the same on every host.
    /// </summary>
    /// <param name="trim">Drop trailing zeros of the decimals (hours: "2,5"); money keeps both ("12,50").</param>
    public static string Format(decimal value, string language, bool trim = false)
    {
        var english = language == "en";
        var rounded = Math.Round(Math.Abs(value), 2, MidpointRounding.AwayFromZero);
        var whole = decimal.Truncate(rounded).ToString("0", CultureInfo.InvariantCulture);
        var groups = new List<string>();
        for (var end = whole.Length; end > 0; end -= 3) groups.Insert(0, whole[Math.Max(0, end - 3)..end]);
        var text = string.Join(english ? "," : "\u00A0", groups);
        var cents = (int)((rounded - decimal.Truncate(rounded)) * 100);
        var decimals = cents.ToString("00", CultureInfo.InvariantCulture);
        if (trim) decimals = decimals.TrimEnd('0');
        if (cents != 0) text += (english ? "." : ",") + decimals;
        return value < 0 ? "-" + text : text;
    }
}
