using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>
/// Text layout for PdfPig, which only places single lines: wraps at word boundaries by measuring the real
/// glyph widths of the embedded font, and shrinks a block (down to a floor) until it fits its line budget.
/// Every letter measured or drawn must be one that <paramref name="fonts"/> cover, else <see cref="MissingGlyphException"/>
/// stops the page, so that the caller can set it again in fuller fonts.
/// </summary>
internal sealed class PdfText(PdfPageBuilder page, FontFaces fonts, PdfDocumentBuilder.AddedFont bold)
{
    // Wrapping and fitting measure the same letters over and over (every candidate line, every size tried), so each
    // letter's advance at size 1 is read from the font's metrics, once for all documents (FontFaces), instead of
    // asking PdfPig to lay out letters. The writer places letters by advance only (no kerning), so widths add up.

    public double Width(string text, double size, PdfDocumentBuilder.AddedFont font)
    {
        var width = 0.0;
        foreach (var letter in text) width += Advance(letter, font);
        return width * size;
    }

    private double Advance(char letter, PdfDocumentBuilder.AddedFont font)
    {
        Check(letter);
        return fonts.Advance(font == bold, letter);
    }

    public IReadOnlyList<string> Wrap(string text, double size, PdfDocumentBuilder.AddedFont font, double maxWidth)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (Width(candidate, size, font) <= maxWidth) { current = candidate; continue; }
            if (current.Length > 0) lines.Add(current);
            current = word;
            // A single word wider than the line (a long compound name, a URL) is cut between letters.
            while (Width(current, size, font) > maxWidth && current.Length > 1)
            {
                var fit = current.Length - 1;
                while (fit > 1 && Width(current[..fit], size, font) > maxWidth) fit--;
                lines.Add(current[..fit]);
                current = current[fit..];
            }
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }

    /// <summary>The largest size from <paramref name="size"/> down to <paramref name="minSize"/> at which the text fits in <paramref name="maxLines"/>; cut with an ellipsis at the floor.</summary>
    public (double Size, IReadOnlyList<string> Lines) Fit(string text, double size, double minSize, PdfDocumentBuilder.AddedFont font, double maxWidth, int maxLines)
    {
        for (var s = size; s >= minSize; s -= 1)
        {
            var lines = Wrap(text, s, font, maxWidth);
            if (lines.Count <= maxLines) return (s, lines);
        }
        var cut = Wrap(text, minSize, font, maxWidth).Take(maxLines).ToList();
        cut[^1] = Shorten(cut[^1] + "…", minSize, font, maxWidth);
        return (minSize, cut);
    }

    /// <summary>Draws lines centred on <paramref name="centerX"/> from <paramref name="top"/> downward; returns the y below the block.</summary>
    public double Centered(IReadOnlyList<string> lines, double size, PdfDocumentBuilder.AddedFont font, double centerX, double top, double leading = 1.25)
    {
        var y = top;
        foreach (var line in lines)
        {
            y -= size;
            page.AddText(line, size, new PdfPoint(centerX - Width(line, size, font) / 2, y), font);
            y -= size * (leading - 1);
        }
        return y;
    }

    /// <summary>Draws lines starting at <paramref name="left"/> from <paramref name="top"/> downward; returns the y below the block.</summary>
    public double Left(IReadOnlyList<string> lines, double size, PdfDocumentBuilder.AddedFont font, double left, double top, double leading = 1.25)
    {
        var y = top;
        foreach (var line in lines)
        {
            y -= size;
            foreach (var letter in line) Check(letter);
            page.AddText(line, size, new PdfPoint(left, y), font);
            y -= size * (leading - 1);
        }
        return y;
    }

    private void Check(char letter)
    {
        if (!fonts.Covers(letter)) throw new MissingGlyphException(letter);
    }

    private string Shorten(string line, double size, PdfDocumentBuilder.AddedFont font, double maxWidth)
    {
        while (line.Length > 1 && Width(line, size, font) > maxWidth) line = line[..^2] + "…";
        return line;
    }
}

/// <summary>A letter the fonts of a <see cref="PdfText"/> cannot print.</summary>
internal sealed class MissingGlyphException(char letter) : Exception($"The document fonts have no glyph for U+{(int)letter:X4}.")
{
    public char Letter { get; } = letter;
}
