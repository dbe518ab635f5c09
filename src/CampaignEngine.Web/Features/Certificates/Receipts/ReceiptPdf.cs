using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.Infrastructure.Documents;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace CampaignEngine.Web.Features.Certificates.Receipts;

/// <summary>
/// A receipt or a statement as printed: the certificate's document (issuer, kind, holder, serial, signed payload and QR
/// code from <see cref="CertificateDocuments"/>), the attested fields with their labels, and a statement's contributions one
/// per line (printed for the reader; the signature covers the totals).
/// </summary>
internal sealed record ReceiptDocument(CertificateDocument Paper, IReadOnlyList<(string Label, string Value)> Attested, IReadOnlyList<string> Lines);

/// <summary>
/// The layout of a receipt or statement: an A4 portrait page (more for a long statement) in the certificates' fonts, text
/// as real text, the QR code as vectors (<see cref="PdfQr"/>), and the signed payload in the metadata like a certificate's,
/// so the same offline check reads both. Every signed field is wrapped, never cut, so the check finds it printed whole.
/// </summary>
internal static class ReceiptPdf
{
    private const double Margin = 56;
    private const double QrSize = 104;
    private const double EmblemSize = 18 / 25.4 * 72;
    private const double LabelWidth = 150;

    public static byte[] Render(ReceiptDocument document) => DocumentFonts.Render(PrintedLetters(document), fonts => Render(document, fonts));

    /// <summary>Every letter the layout may print; keep it in step with the drawing below.</summary>
    internal static HashSet<char> PrintedLetters(ReceiptDocument document)
    {
        var paper = document.Paper;
        var letters = new HashSet<char> { ' ' };
        IEnumerable<string?> texts = [
            paper.IssuerName, paper.KindTitle.ToUpperInvariant(), paper.Text("cert.receipt.from"), paper.HolderName, paper.SignatoryTitle,
            paper.SignatoryName, paper.Text("cert.doc.issuedOn"), paper.IssuedDate, paper.Text("cert.doc.serial"), paper.Serial, paper.VerifyUrl,
            paper.Text("cert.statement.lines"), paper.Text("cert.receipt.approvedBy"), ": …",
        ];
        foreach (var text in texts.Concat(document.Attested.SelectMany(a => new[] { a.Label, a.Value })).Concat(document.Lines))
            if (text is not null) letters.UnionWith(text.Where(c => !char.IsWhiteSpace(c)));
        return letters;
    }

    internal static byte[] Render(ReceiptDocument document, FontFaces fonts)
    {
        var paper = document.Paper;
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"{paper.KindTitle} {paper.Serial}";
        builder.DocumentInformation.Producer = "CampaignEngine";
        if (paper.SignedPayload is { } payload) builder.DocumentInformation.CustomMetadata[CertificatePayload.PdfMetadataKey] = payload;
        var regular = builder.AddTrueTypeFont(fonts.Regular);
        var bold = builder.AddTrueTypeFont(fonts.Bold);
        var sheet = new Sheet(builder, fonts, bold);
        var width = sheet.Page.PageSize.Width;
        var body = width - 2 * Margin;

        var y = sheet.Page.PageSize.Height - Margin;
        if (paper.EmblemSvg is { } emblem && SvgPdf.Draw(sheet.Page.CurrentStream.Operations, emblem, width / 2 - EmblemSize / 2, y - EmblemSize, EmblemSize, EmblemSize))
            y -= EmblemSize + 6;
        y = sheet.Text.Centered(sheet.Text.Wrap(Clean(paper.IssuerName), 13, bold, body), 13, bold, width / 2, y) - 14;
        sheet.Page.SetTextAndFillColor(138, 28, 28);
        y = sheet.Text.Centered(sheet.Text.Wrap(Clean(paper.KindTitle).ToUpperInvariant(), 22, bold, body), 22, bold, width / 2, y) - 16;
        sheet.Page.ResetColor();

        y = Row(sheet, paper.Text("cert.receipt.from"), paper.HolderName, regular, bold, body, y);
        foreach (var (label, value) in document.Attested) y = Row(sheet, label, value, regular, bold, body, y);

        if (document.Lines.Count > 0)
        {
            y = sheet.Text.Left([paper.Text("cert.statement.lines")], 11, bold, Margin, y - 8) - 4;
            foreach (var line in document.Lines)
            {
                var wrapped = sheet.Text.Wrap(Clean(line), 9, regular, body);
                if (y - wrapped.Count * 9 * 1.3 < Margin) y = sheet.Next();
                y = sheet.Text.Left(wrapped, 9, regular, Margin, y, 1.3) - 2;
            }
        }

        if (y - (QrSize + 24) < Margin) sheet.Next();
        DrawSignature(sheet, paper, regular, bold);
        DrawQr(sheet, paper, regular, width);
        return builder.Build();
    }

    /// <summary>A label and its value side by side, the value wrapped in its column; returns the y below the row.</summary>
    private static double Row(Sheet sheet, string label, string value, PdfDocumentBuilder.AddedFont regular, PdfDocumentBuilder.AddedFont bold, double body, double y)
    {
        var lines = sheet.Text.Wrap(Clean(value), 12, bold, body - LabelWidth);
        if (y - lines.Count * 15 < Margin) y = sheet.Next();
        sheet.Page.SetTextAndFillColor(91, 100, 117);
        sheet.Text.Left([Clean(label)], 10, regular, Margin, y - 1.5);
        sheet.Page.ResetColor();
        return sheet.Text.Left(lines, 12, bold, Margin + LabelWidth, y) - 8;
    }

    private static void DrawSignature(Sheet sheet, CertificateDocument paper, PdfDocumentBuilder.AddedFont regular, PdfDocumentBuilder.AddedFont bold)
    {
        var y = Margin + QrSize + 8;
        y = sheet.Text.Left([paper.Text("cert.receipt.approvedBy")], 9, regular, Margin, y) - 2;
        var title = sheet.Text.Wrap(Clean(paper.SignatoryTitle), 10, regular, 300);
        y = sheet.Text.Left(title, 10, regular, Margin, y) - 18;
        sheet.Page.DrawLine(new PdfPoint(Margin, y), new PdfPoint(Margin + 170, y), 0.6);
        y = sheet.Text.Left([Clean(paper.SignatoryName)], 11, bold, Margin, y - 4) - 8;
        sheet.Page.SetTextAndFillColor(91, 100, 117);
        sheet.Text.Left([
            $"{paper.Text("cert.doc.issuedOn")}: {paper.IssuedDate}",
            $"{paper.Text("cert.doc.serial")}: {paper.Serial}",
        ], 9, regular, Margin, y);
        sheet.Page.ResetColor();
    }

    private static void DrawQr(Sheet sheet, CertificateDocument paper, PdfDocumentBuilder.AddedFont regular, double width) =>
        PdfQr.DrawWithAddress(sheet.Page, sheet.Text, paper.Qr, paper.VerifyUrl, regular, width - Margin - QrSize, Margin + 10, QrSize);

    private static string Clean(string text) => CertificatePdf.Clean(text);

    /// <summary>The page being written and its text layout; a long statement turns to a new page.</summary>
    private sealed class Sheet
    {
        private readonly PdfDocumentBuilder _builder;
        private readonly FontFaces _fonts;
        private readonly PdfDocumentBuilder.AddedFont _bold;

        public Sheet(PdfDocumentBuilder builder, FontFaces fonts, PdfDocumentBuilder.AddedFont bold)
        {
            (_builder, _fonts, _bold) = (builder, fonts, bold);
            Next();
        }

        public PdfPageBuilder Page { get; private set; } = null!;
        public PdfText Text { get; private set; } = null!;

        /// <summary>Turns to a new page; returns the y of its top.</summary>
        public double Next()
        {
            Page = _builder.AddPage(PageSize.A4);
            Text = new PdfText(Page, _fonts, _bold);
            return Page.PageSize.Height - Margin;
        }
    }
}
