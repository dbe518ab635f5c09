using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>The parts of a certificate PDF the offline check reads: the signed payload in its metadata and its printed text.</summary>
public static class CertificatePdfReader
{
    public static (string? Payload, string Text) Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        string? payload = null;
        if (document.Information.DocumentInformationDictionary?.TryGet(NameToken.Create(CertificatePayload.PdfMetadataKey), out var token) == true
            && token is StringToken text)
            payload = text.Data;
        // Letters, not words: the check compares without whitespace, and word grouping guesses spaces from gaps.
        var printed = string.Join('\n', document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
        return (payload, printed);
    }
}
