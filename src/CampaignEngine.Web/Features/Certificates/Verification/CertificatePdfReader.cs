using CampaignEngine.Web.Infrastructure.Documents;

namespace CampaignEngine.Web.Features.Certificates.Verification;

/// <summary>The parts of a certificate PDF the offline check reads: the signed payload in its metadata and its printed text.</summary>
internal static class CertificatePdfReader
{
    public static (string? Payload, string Text) Read(byte[] pdf) => PdfContents.Read(pdf, CertificatePayload.PdfMetadataKey);
}
