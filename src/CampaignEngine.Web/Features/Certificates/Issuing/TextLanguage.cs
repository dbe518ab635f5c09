namespace CampaignEngine.Web.Features.Certificates.Issuing;

/// <summary>
/// A cheap guess at the language a short text (a certificate's reason) is written in, from its letters and a few
/// function words: Latin letters read as English, the letters ң ө ү or Kyrgyz words as Kyrgyz, Cyrillic with Russian
/// words as Russian. It answers only when the signs are clear, because it feeds a warning, never a refusal: a Kyrgyz
/// reason typed without ң ө ү (a keyboard without them) and without telling words stays unjudged.
/// </summary>
internal static class TextLanguage
{
    private const int MinLetters = 6;

    // Words that stand alone in one language and not in the other.
    private static readonly HashSet<string> RussianWords = new(StringComparer.Ordinal)
    {
        "и", "в", "во", "на", "за", "для", "по", "с", "со", "от", "к", "ко", "из", "о", "об", "при", "что", "как", "его", "её", "ее",
        "их", "это", "развитие", "помощь", "вклад", "благодарность", "области", "района", "школы", "села",
    };

    private static readonly HashSet<string> KyrgyzWords = new(StringComparer.Ordinal)
    {
        "жана", "үчүн", "учун", "менен", "боюнча", "жылы", "анын", "бул", "деп", "салымы", "салым", "жардамы", "өнүктүрүүгө",
        "онуктуруугу", "кошкон", "айылына", "мектепке", "облусуна", "ыраазычылык",
    };

    /// <summary>"ky", "ru" or "en" when the text clearly reads as one of them; null when it is short, mixed or unclear.</summary>
    public static string? Guess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        int cyrillic = 0, latin = 0;
        var kyrgyzLetters = false;
        foreach (var letter in text)
        {
            if (letter is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
                kyrgyzLetters |= letter is 'ң' or 'Ң' or 'ө' or 'Ө' or 'ү' or 'Ү';
            }
            else if (char.IsLetter(letter) && letter < '\u0250') latin++;
        }
        var letters = cyrillic + latin;
        if (letters < MinLetters) return null;
        if (latin >= letters * 0.8) return "en";
        if (cyrillic < letters * 0.8) return null;
        if (kyrgyzLetters) return "ky";
        var words = text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '(', ')', '«', '»', '"', '-', '—', '\t', '\n', '\r'],
            StringSplitOptions.RemoveEmptyEntries);
        var russian = words.Count(RussianWords.Contains);
        var kyrgyz = words.Count(KyrgyzWords.Contains);
        return russian > kyrgyz ? "ru" : kyrgyz > russian ? "ky" : null;
    }

    /// <summary>The language <paramref name="text"/> reads as when it is not <paramref name="paperLanguage"/>; null when they agree or the text is unclear.</summary>
    public static string? DiffersFrom(string? text, string paperLanguage) =>
        Guess(text) is { } guessed && guessed != paperLanguage ? guessed : null;
}
