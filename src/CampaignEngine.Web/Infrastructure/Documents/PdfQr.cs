using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>A QR code drawn on a PDF page as filled rectangles, so it prints sharp at any size without an image codec.</summary>
internal static class PdfQr
{
    /// <summary>Draws <paramref name="qr"/> as a square of <paramref name="size"/> points whose bottom-left corner is at (<paramref name="left"/>, <paramref name="bottom"/>).</summary>
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
