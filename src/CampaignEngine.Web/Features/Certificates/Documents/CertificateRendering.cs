using CampaignEngine.Web.Features.Certificates.Issuers;

namespace CampaignEngine.Web.Features.Certificates.Documents;

/// <summary>A stored certificate as printable HTML or as PDF, in the certificate's own language, with the issuer it was issued under.</summary>
internal sealed class CertificateRendering(CertificateDocuments documents, CertificateHtml html, CertificateIssuers issuers)
{
    public string Html(CertificateRecord certificate) =>
        html.Render(documents.For(certificate, issuers.For(certificate)), issuers.ModuleOf(certificate));

    public byte[] Pdf(CertificateRecord certificate) => CertificatePdf.Render(documents.For(certificate, issuers.For(certificate)));
}
