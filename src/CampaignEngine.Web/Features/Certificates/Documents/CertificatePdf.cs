using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.Infrastructure.Documents;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace CampaignEngine.Web.Features.Certificates.Documents;

/// <summary>
/// The certificate's layout as an A4 landscape PDF. Text is real text in the embedded <see cref="DocumentFonts"/>, so it
/// prints the same everywhere and can be searched and extracted; the QR code is drawn as filled rectangles
/// (<see cref="PdfQr"/>), and the issuer's emblem, as in the print view, as vector paths (<see cref="SvgPdf"/>). Set in
/// the subset fonts trimmed to the letters printed (nearly always: that is what makes a certificate cheap), else in the
/// full fonts.
/// </summary>
internal static class CertificatePdf
{
    private const double Margin = 56;
    private const double QrSize = 112;

    // The print view's emblem box: 22 mm square, 3 mm above the administration's name.
    private const double EmblemSize = 22 / 25.4 * 72;
    private const double EmblemGap = 3 / 25.4 * 72;

    public static byte[] Render(CertificateDocument document) => DocumentFonts.Render(PrintedLetters(document), fonts => Render(document, fonts));

    /// <summary>
    /// Every letter <see cref="Render(CertificateDocument, FontFaces)"/> may print for <paramref name="document"/>,
    /// its ellipsis included. Keep it in step with the drawing below: a letter missing here costs a second render.
    /// </summary>
    internal static HashSet<char> PrintedLetters(CertificateDocument document)
    {
        // Whitespace is printed as plain spaces (Clean), so a tab or a no-break space in a name needs no glyph of its own.
        var letters = new HashSet<char> { ' ' };
        foreach (var text in (string?[])[
            document.StatusNote, document.IssuerName, document.KindTitle.ToUpperInvariant(), document.Text("cert.doc.presentedTo"),
            document.HolderName, document.Reason, document.SignatoryTitle, document.SignatoryName,
            document.Text("cert.doc.issuedOn"), document.IssuedDate, document.Text("cert.doc.serial"), document.Serial,
            document.VerifyUrl, ": …"])
            if (text is not null) letters.UnionWith(text.Where(c => !char.IsWhiteSpace(c)));
        return letters;
    }

    /// <summary>The certificate set in <paramref name="fonts"/>; <see cref="MissingGlyphException"/> at the first letter they lack.</summary>
    internal static byte[] Render(CertificateDocument document, FontFaces fonts)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"{document.KindTitle} {document.Serial}";
        builder.DocumentInformation.Producer = "CampaignEngine";
        // The signed content travels with the file, so `verify file.pdf` needs no register and no network.
        if (document.SignedPayload is { } payload) builder.DocumentInformation.CustomMetadata[CertificatePayload.PdfMetadataKey] = payload;
        var regular = builder.AddTrueTypeFont(fonts.Regular);
        var bold = builder.AddTrueTypeFont(fonts.Bold);
        var page = builder.AddPage(PageSize.A4, isPortrait: false);
        var width = page.PageSize.Width;
        var height = page.PageSize.Height;
        var text = new PdfText(page, fonts, bold);
        var center = width / 2;
        var body = width - 2 * Margin - 40;

        DrawFrame(page, width, height);

        var y = height - Margin - 8;
        if (document.StatusNote is { } note)
        {
            page.SetTextAndFillColor(179, 38, 30);
            y = text.Centered(text.Wrap(Clean(note), 16, bold, body), 16, bold, center, y);
            page.ResetColor();
        }
        if (document.EmblemSvg is { } emblem && SvgPdf.Draw(page.CurrentStream.Operations, emblem, center - EmblemSize / 2, y - EmblemSize, EmblemSize, EmblemSize))
            y -= EmblemSize + EmblemGap;
        var issuer = text.Fit(Clean(document.IssuerName), 15, 11, bold, body, 2);
        y = text.Centered(issuer.Lines, issuer.Size, bold, center, y) - 18;

        page.SetTextAndFillColor(138, 28, 28);
        var kind = text.Fit(Clean(document.KindTitle).ToUpperInvariant(), 32, 20, bold, body, 2);
        y = text.Centered(kind.Lines, kind.Size, bold, center, y) - 10;
        page.SetTextAndFillColor(91, 100, 117);
        y = text.Centered([document.Text("cert.doc.presentedTo")], 13, regular, center, y) - 6;
        page.ResetColor();

        var holder = text.Fit(Clean(document.HolderName), 26, 16, bold, body, 2);
        y = text.Centered(holder.Lines, holder.Size, bold, center, y) - 10;

        // The reason gets whatever room is left above the signature block.
        var reasonLines = Math.Max(1, (int)((y - (Margin + QrSize + 30)) / (13 * 1.25)));
        var reason = text.Fit(Clean(document.Reason), 13, 9, regular, body - 80, reasonLines);
        text.Centered(reason.Lines, reason.Size, regular, center, y);

        DrawSignature(page, text, document, regular, bold);
        DrawQr(page, text, document, regular, width);

        return builder.Build();
    }

    private static void DrawFrame(PdfPageBuilder page, double width, double height)
    {
        page.SetStrokeColor(138, 28, 28);
        page.DrawRectangle(new PdfPoint(20, 20), width - 40, height - 40, lineWidth: 3);
        page.DrawRectangle(new PdfPoint(28, 28), width - 56, height - 56, lineWidth: 0.8);
        page.ResetColor();
    }

    private static void DrawSignature(PdfPageBuilder page, PdfText text, CertificateDocument document,
        PdfDocumentBuilder.AddedFont regular, PdfDocumentBuilder.AddedFont bold)
    {
        var left = Margin + 12;
        var title = text.Fit(Clean(document.SignatoryTitle), 11, 8, regular, 330, 3);
        var y = Margin + QrSize + 8;
        y = text.Left(title.Lines, title.Size, regular, left, y) - 22;
        page.DrawLine(new PdfPoint(left, y), new PdfPoint(left + 170, y), 0.6);
        y = text.Left([Clean(document.SignatoryName)], 12, bold, left, y - 4) - 10;
        page.SetTextAndFillColor(91, 100, 117);
        text.Left([
            $"{document.Text("cert.doc.issuedOn")}: {document.IssuedDate}",
            $"{document.Text("cert.doc.serial")}: {document.Serial}",
        ], 10, regular, left, y);
        page.ResetColor();
    }

    private static void DrawQr(PdfPageBuilder page, PdfText text, CertificateDocument document, PdfDocumentBuilder.AddedFont regular, double width) =>
        PdfQr.DrawWithAddress(page, text, document.Qr, document.VerifyUrl, regular, width - Margin - QrSize - 8, Margin + 16, QrSize);

    // Line breaks and tabs would print as missing glyphs; names and reasons are one paragraph each.
    internal static string Clean(string text) => Issuing.CertificateService.OneLine(text);
}
