using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>The regular and bold TrueType files one document is set in, and the letters both can print.</summary>
internal sealed class FontFaces(byte[] regular, byte[] bold, Func<char, bool> covers, Func<bool, char, double> advance)
{
    public byte[] Regular { get; } = regular;
    public byte[] Bold { get; } = bold;

    /// <summary>True when both faces have a glyph for <paramref name="letter"/>.</summary>
    public bool Covers(char letter) => covers(letter);

    /// <summary>How far <paramref name="letter"/> moves the pen at size 1, as PdfPig places it (no kerning).</summary>
    public double Advance(bool bold, char letter) => advance(bold, letter);
}

/// <summary>
/// The fonts documents are set in (DejaVu Sans, which has every Kyrgyz letter: ң ө ү). PdfPig parses the whole font
/// file, glyph by glyph, twice for every document (to measure, then to subset it again), so the size of the file is
/// most of the cost of a document: <see cref="Subset"/> (Latin, Cyrillic, punctuation, currency signs; see
/// Assets/fonts/README.md), trimmed to the letters of the document, serves nearly every one; <see cref="Full"/> the
/// rare one with a letter the subset lacks.
/// </summary>
internal sealed class DocumentFonts
{
    private static readonly Lazy<DocumentFonts> SubsetFonts = new(() => Load("DejaVuSans-Subset.ttf", "DejaVuSans-Bold-Subset.ttf"));
    private static readonly Lazy<DocumentFonts> FullFonts = new(() => Load("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"));

    public static DocumentFonts Subset => SubsetFonts.Value;
    public static DocumentFonts Full => FullFonts.Value;

    /// <summary>
    /// The document <paramref name="render"/> sets, in the cheapest fonts that print it: the subset trimmed to
    /// <paramref name="letters"/> (nearly always), else the whole subset, else the full fonts. <paramref name="render"/>
    /// throws <see cref="MissingGlyphException"/> at a letter its fonts lack; a letter the full fonts lack too fails here.
    /// </summary>
    public static byte[] Render(IReadOnlySet<char> letters, Func<FontFaces, byte[]> render)
    {
        if (Subset.CoversAll(letters))
        {
            try
            {
                return render(Subset.Trim(letters));
            }
            catch (MissingGlyphException)
            {
                // A letter the caller did not list (its tests should catch that): the whole subset may have it.
            }
            try
            {
                return render(Subset.Whole);
            }
            catch (MissingGlyphException)
            {
            }
        }
        // A letter outside the subset (Greek, Georgian, a combining accent…): slower, but printed.
        return render(Full.Whole);
    }

    private readonly Face _regular;
    private readonly Face _bold;

    private DocumentFonts(byte[] regular, byte[] bold)
    {
        _regular = new Face(regular);
        _bold = new Face(bold);
        Whole = new FontFaces(regular, bold, Covers, Advance);
    }

    /// <summary>The font files as shipped.</summary>
    public FontFaces Whole { get; }

    // Glyph 0 is .notdef: a letter mapped to it has no glyph. Surrogates are never mapped, so a letter outside the
    // BMP always goes to the full fonts (which cannot print it either, as before).
    public bool Covers(char letter) => _regular.Glyph[letter] != 0 && _bold.Glyph[letter] != 0;

    public bool CoversAll(IEnumerable<char> letters) => letters.All(Covers);

    public double Advance(bool bold, char letter) => (bold ? _bold : _regular).Advance(letter);

    /// <summary>
    /// The faces with outlines only for <paramref name="letters"/> (glyph ids, widths and cmap unchanged), which
    /// PdfPig parses and subsets several times faster; they cover those letters and no others.
    /// </summary>
    public FontFaces Trim(IReadOnlySet<char> letters) =>
        new(_regular.Trim(letters), _bold.Trim(letters), letter => letters.Contains(letter) && Covers(letter), Advance);

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Assets", "fonts", file);

    private static DocumentFonts Load(string regular, string bold) =>
        new(File.ReadAllBytes(PathOf(regular)), File.ReadAllBytes(PathOf(bold)));

    private sealed class Face
    {
        private readonly Lazy<TrueTypeTrim> _trim;
        private readonly Dictionary<char, double> _advances = [];

        public Face(byte[] font)
        {
            var parsed = TrueTypeFontParser.Parse(new TrueTypeDataBytes(font));
            var cmap = parsed.WindowsUnicodeCMap ?? throw new InvalidOperationException("A document font has no Windows Unicode cmap.");
            // PdfPig's own arithmetic: the advance in font units times the font matrix (1/unitsPerEm) at size 1.
            var perUnit = 1.0 / parsed.GetUnitsPerEm();
            Glyph = new ushort[char.MaxValue + 1];
            for (var c = 0; c <= char.MaxValue; c++)
            {
                if (char.IsSurrogate((char)c)) continue;
                Glyph[c] = (ushort)cmap.CharacterCodeToGlyphIndex(c);
                if (Glyph[c] != 0 && parsed.TryGetAdvanceWidth(c, out var width)) _advances[(char)c] = width * perUnit;
            }
            _trim = new(() => new TrueTypeTrim(font));
        }

        public double Advance(char letter) => _advances.GetValueOrDefault(letter);

        /// <summary>The glyph id of each UTF-16 code unit; 0 when the font has none.</summary>
        public ushort[] Glyph { get; }

        public byte[] Trim(IEnumerable<char> letters) => _trim.Value.Keep(letters.Select(l => (int)Glyph[l]));
    }
}
