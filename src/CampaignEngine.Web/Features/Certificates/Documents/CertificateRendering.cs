using CampaignEngine.Web.Features.Certificates.Issuers;

namespace CampaignEngine.Web.Features.Certificates.Documents;

/// <summary>A stored certificate as printable HTML or as PDF, in the certificate's own language, with the issuer it was issued under.</summary>
public sealed class CertificateRendering(CertificateDocuments documents, CertificateHtml html, CertificatePdf pdf, CertificateIssuers issuers)
{
    public string Html(CertificateRecord certificate) =>
        html.Render(documents.For(certificate, issuers.For(certificate)), issuers.ModuleOf(certificate));

    public byte[] Pdf(CertificateRecord certificate) => pdf.Render(documents.For(certificate, issuers.For(certificate)));
}
