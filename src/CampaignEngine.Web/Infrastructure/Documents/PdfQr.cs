using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>A QR code drawn on a PDF page as filled rectangles, so it prints sharp at any size without an image codec.</summary>
internal static class PdfQr
{
    /// <summary>Draws <paramref name="qr"/> as a square of <paramref name="size"/> points whose bottom-left corner is at (<paramref name="left"/>, <paramref name="bottom"/>).</summary>
    /// <summary>
    /// Draws <paramref name="qr"/> and, on one line right-aligned under it, the <paramref name="address"/> it opens, so a
    /// reader without a camera can type it (grey, shrunk down to 4 pt to fit <paramref name="maxAddressWidth"/>).
    /// </summary>
    public static void DrawWithAddress(PdfPageBuilder page, PdfText text, QrMatrix qr, string address, PdfDocumentBuilder.AddedFont font,
        double left, double bottom, double size, double maxAddressWidth = 230)
    {
        Draw(page, qr, left, bottom, size);
        page.SetTextAndFillColor(91, 100, 117);
        var line = text.Fit(address, 7, 4, font, maxAddressWidth, 1);
        // Right-aligned with the code itself, inside its quiet zone of four modules.
        var right = left + size - 4 * (size / qr.Size);
        text.Left(line.Lines, line.Size, font, right - text.Width(line.Lines[0], line.Size, font), bottom);
        page.ResetColor();
    }

    public static void Draw(PdfPageBuilder page, QrMatrix qr, double left, double bottom, double size)
    {
        var module = size / qr.Size;
        foreach (var (row, column, length) in qr.DarkRuns())
        {
            // PDF's y axis points up, the matrix's rows go down.
            var y = bottom + (qr.Size - 1 - row) * module;
            page.DrawRectangle(new PdfPoint(left + column * module, y), length * module, module, lineWidth: 0, fill: true);
        }
    }
}
