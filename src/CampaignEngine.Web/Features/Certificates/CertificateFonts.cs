using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>
/// The regular and bold TrueType files a certificate is set in, with the characters both of them can print.
/// PdfPig parses and subsets the whole file again for every document, so the size of the file is most of the cost of
/// a certificate: <see cref="Subset"/> (Latin, Cyrillic, punctuation, currency signs; see Assets/fonts/README.md)
/// serves nearly every certificate, <see cref="Full"/> the rare one with a character the subset lacks.
/// </summary>
public sealed class CertificateFonts
{
    private static readonly Lazy<CertificateFonts> SubsetFonts = new(() => Load("DejaVuSans-Subset.ttf", "DejaVuSans-Bold-Subset.ttf"));
    private static readonly Lazy<CertificateFonts> FullFonts = new(() => Load("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"));

    public static CertificateFonts Subset => SubsetFonts.Value;
    public static CertificateFonts Full => FullFonts.Value;

    // One flag per UTF-16 code unit: true when both faces map it to a glyph. Surrogates never are, so a character
    // outside the BMP always goes to the full fonts (which cannot print it either, as before).
    private readonly bool[] _covered;

    private CertificateFonts(byte[] regular, byte[] bold)
    {
        Regular = regular;
        Bold = bold;
        var regularMap = CMap(regular);
        var boldMap = CMap(bold);
        _covered = new bool[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
            _covered[c] = !char.IsSurrogate((char)c) && regularMap.CharacterCodeToGlyphIndex(c) != 0 && boldMap.CharacterCodeToGlyphIndex(c) != 0;
    }

    public byte[] Regular { get; }
    public byte[] Bold { get; }

    /// <summary>True when both faces have a glyph for <paramref name="letter"/>.</summary>
    public bool Covers(char letter) => _covered[letter];

    public bool CoversAll(string text)
    {
        foreach (var letter in text)
            if (!_covered[letter]) return false;
        return true;
    }

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Assets", "fonts", file);

    private static CertificateFonts Load(string regular, string bold) =>
        new(File.ReadAllBytes(PathOf(regular)), File.ReadAllBytes(PathOf(bold)));

    private static UglyToad.PdfPig.Fonts.TrueType.Tables.CMapSubTables.ICMapSubTable CMap(byte[] font) =>
        TrueTypeFontParser.Parse(new TrueTypeDataBytes(font)).WindowsUnicodeCMap
        ?? throw new InvalidOperationException("A certificate font has no Windows Unicode cmap.");
}
