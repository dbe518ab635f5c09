using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Modules;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>A stored certificate as printable HTML or as PDF, in the certificate's own language.</summary>
public sealed class CertificateRendering(CertificateDocuments documents, CertificateHtml html, CertificatePdf pdf)
{
    public string Html(CertificateRecord certificate)
    {
        var module = IssuerOf(certificate);
        return html.Render(documents.For(certificate, module), module);
    }

    public byte[] Pdf(CertificateRecord certificate) => pdf.Render(documents.For(certificate, IssuerOf(certificate)));

    private static ModuleManifest IssuerOf(CertificateRecord certificate) =>
        ModuleCatalog.All.Select(m => m.Manifest).FirstOrDefault(m => m.Id == certificate.ModuleId)
        ?? throw new InvalidOperationException($"Certificate {certificate.Serial} names module {certificate.ModuleId}, which the host no longer has.");
}
