using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Templates;

namespace CampaignEngine.Web.Features.Certificates.Documents;

/// <summary>
/// Renders a certificate's printable HTML from the <c>certificate</c> template: the module's own when it
/// ships one, else <c>templates/_shared/</c>. Every value is HTML-escaped before the template sees it, because
/// names and reasons are typed by users; only the QR SVG, which we generate, and the checked emblem go in raw.
/// </summary>
internal sealed class CertificateHtml(TemplateStore templates)
{
    public const string TemplateName = "certificate";

    public string Render(CertificateDocument document, ModuleManifest module)
    {
        var source = templates.Find(module.Id, module.Languages, TemplateName, document.Language, PartFallback.Html)
            ?? throw new TemplateException($"No '{TemplateName}' HTML template for module {module.Id} or in {TemplateStore.SharedFolder}/.");
        return TemplateRenderer.RenderWith(templates.Parse(source), TemplateValues.Globals(TemplateValues.Certificates, Paper(document), html: true));
    }

    /// <summary>The document as the template sees it (<see cref="TemplateValues.Certificates"/>).</summary>
    private static CertificatePaperModel Paper(CertificateDocument document) => new(
        document.Serial, document.Kind, document.KindTitle, document.HolderName, document.Reason, document.IssuedDate, document.VerifyUrl,
        document.Status, document.StatusNote, document.Language, document.IssuerName, document.SignatoryTitle, document.SignatoryName,
        document.EmblemSvg, document.Qr.ToSvg(document.VerifyUrl));
}
