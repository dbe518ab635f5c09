using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace CampaignEngine.Web.Features.Compatriots.Search;

/// <summary>
/// The words a person is found by, and the same folding for what staff type. A name is folded to one rough Latin
/// spelling, so that Асель, АСЕЛЬ, Asel and Assel meet, as do Жылдыз, Jyldyz and Zhyldyz, Чолпон and Čolpon, Жаңыл and
/// Janyl: Cyrillic (Kyrgyz letters included) is transliterated, marks are dropped, and the spellings that
/// transliterations disagree on (zh/j, kh/h, ch/c, y/i, doubled letters …) are merged. A phone is found by its digits
/// however it is written: from its start (with the country code, or as dialled at home) and from its end.
/// </summary>
internal static class SearchTerms
{
    /// <summary>Bump when the folding changes: people indexed by an older one are indexed again at start.</summary>
    public const int Version = 1;

    public const char PhoneStart = '#';
    public const char PhoneEnd = '~';
    public const char ExternalId = '=';
    public const int MinPhoneDigits = 3;
    public const int MaxQuery = 100;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    // Merged in this order, on the transliterated text, for people's names and for queries alike.
    private static readonly (string From, string To)[] Merges =
    [
        ("shch", "s"), ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"),
        ("ng", "n"), ("ye", "e"), ("ph", "f"), ("w", "v"), ("q", "k"), ("x", "ks"), ("y", "i"),
    ];

    /// <summary>
    /// Every term of a person: name words, phone digits both ways, the external id (a leader's member also under the
    /// organisation's own numbering, as the leader wrote and sees it).
    /// </summary>
    public static IReadOnlySet<string> Of(string fullName, string? phone, string? externalId, long? organizationId)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        terms.UnionWith(Words(fullName));
        var digits = Digits(phone);
        if (digits.Length > 0)
        {
            terms.Add(PhoneStart + digits);
            if (NationalNumber(phone!) is { } national) terms.Add(PhoneStart + national);
            terms.Add(PhoneEnd + Reversed(digits));
        }
        if (!string.IsNullOrWhiteSpace(externalId))
        {
            terms.Add(ExternalId + externalId.Trim().ToLowerInvariant());
            terms.Add(ExternalId + Import.LeaderExternalIds.Shown(externalId, organizationId)!.Trim().ToLowerInvariant());
        }
        return terms;
    }

    /// <summary>The folded words of a name or of a query; empty when it has no letters or digits.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune)) Transliterate(Rune.ToLowerInvariant(rune), word);
            else if (!IsJoiner(rune)) Flush(word, words);
        }
        Flush(word, words);
        return words;
    }

    /// <summary>The digits of a phone as typed or stored; leading zeros are a dialling prefix (0…, 00…), not the number.</summary>
    public static string Digits(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var digits = new StringBuilder(text.Length);
        foreach (var c in text) if (c is >= '0' and <= '9') digits.Append(c);
        return digits.ToString().TrimStart('0');
    }

    /// <summary>Whether a query reads as a phone number: digits with the punctuation people write numbers with.</summary>
    public static bool LooksLikePhone(string text) =>
        text.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '.' or '/') && Digits(text).Length >= MinPhoneDigits;

    public static string Reversed(string digits)
    {
        var chars = digits.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    // The number as dialled inside its country, without the country code: 555123456 for +996555123456. Country codes are
    // prefix-free, so the first 1 to 3 digits that are one are it (a lookup, not a parse: an import writes 100,000 rows).
    private static string? NationalNumber(string phone)
    {
        var digits = Digits(phone);
        for (var length = 1; length <= 3 && length < digits.Length; length++)
            if (Phones.GetRegionCodeForCountryCode(int.Parse(digits.AsSpan(0, length), CultureInfo.InvariantCulture)) != "ZZ")
                return digits[length..];
        return null;
    }

    // An apostrophe inside a name joins its parts (O'Neil, Ma'rifat); a hyphen or a space parts words (Абдул-Азиз).
    private static bool IsJoiner(Rune rune) => rune.Value is '\'' or '’' or 'ʼ' or '`';

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length == 0) return;
        var folded = Merge(word.ToString());
        if (folded.Length > 0) words.Add(folded);
        word.Clear();
    }

    private static string Merge(string latin)
    {
        foreach (var (from, to) in Merges) latin = latin.Replace(from, to, StringComparison.Ordinal);
        var merged = new StringBuilder(latin.Length);
        foreach (var c in latin)
            if (merged.Length == 0 || merged[^1] != c || char.IsAsciiDigit(c)) merged.Append(c);
        return merged.ToString();
    }

    private static void Transliterate(Rune rune, StringBuilder word)
    {
        if (Cyrillic(rune.Value) is { } latin)
        {
            word.Append(latin);
            return;
        }
        // Plain Latin letters and digits have no marks to drop: most names of an import take this way.
        if (rune.IsAscii)
        {
            word.Append((char)rune.Value);
            return;
        }
        // Latin with marks (Č, ö, ü, ñ, é …) loses the marks; other scripts stay as they are.
        foreach (var c in rune.ToString().Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) word.Append(c);
    }

    // Russian as in passports (ICAO), the Kyrgyz letters ң ө ү, and the Kazakh ones that appear in names.
    private static string? Cyrillic(int c) => c switch
    {
        'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' or 'ё' or 'э' => "e", 'ж' => "zh", 'з' => "z",
        'и' or 'й' or 'і' => "i", 'к' or 'қ' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'ң' => "ng", 'о' or 'ө' => "o",
        'п' => "p", 'р' => "r", 'с' => "s", 'т' => "t", 'у' or 'ү' or 'ұ' => "u", 'ф' => "f", 'х' or 'һ' => "kh",
        'ц' => "ts", 'ч' => "ch", 'ш' => "sh", 'щ' => "shch", 'ъ' or 'ь' => "", 'ы' => "y", 'ю' => "yu", 'я' => "ya",
        'ә' => "a", 'ғ' => "g",
        _ => null,
    };
}
