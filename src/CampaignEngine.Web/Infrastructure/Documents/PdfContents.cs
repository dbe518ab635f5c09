using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>What a PDF carries for a reader: one entry of its document information and its printed text.</summary>
internal static class PdfContents
{
    /// <summary>The text of the document-information entry <paramref name="metadataKey"/> (null when absent) and every page's letters.</summary>
    public static (string? Metadata, string Text) Read(byte[] pdf, string metadataKey)
    {
        using var document = PdfDocument.Open(pdf);
        string? metadata = null;
        if (document.Information.DocumentInformationDictionary?.TryGet(NameToken.Create(metadataKey), out var token) == true
            && token is StringToken text)
            metadata = text.Data;
        // Letters, not words: readers compare without whitespace, and word grouping guesses spaces from gaps.
        var printed = string.Join('\n', document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
        return (metadata, printed);
    }
}
