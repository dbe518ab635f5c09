using System.Net;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Templates;
using Scriban.Runtime;

namespace CampaignEngine.Web.Features.Certificates.Documents;

/// <summary>
/// Renders a certificate's printable HTML from the <c>certificate</c> template: the module's own when it
/// ships one, else <c>templates/_shared/</c>. Every value is HTML-escaped here, before the template sees
/// it, because names and reasons are typed by users; only the QR SVG, which we generate, goes in raw.
/// </summary>
public sealed class CertificateHtml(TemplateStore templates)
{
    public const string TemplateName = "certificate";

    public string Render(CertificateDocument document, ModuleManifest module)
    {
        var source = templates.Find(module.Id, module.Languages, TemplateName, document.Language, "html")
            ?? throw new TemplateException($"No '{TemplateName}' HTML template for module {module.Id} or in {TemplateStore.SharedFolder}/.");
        var template = templates.Parse(source);

        var certificate = new ScriptObject
        {
            ["serial"] = Encode(document.Serial),
            ["kind"] = document.Kind,
            ["kind_title"] = Encode(document.KindTitle),
            ["holder_name"] = Encode(document.HolderName),
            ["reason"] = Encode(document.Reason),
            ["issued_date"] = Encode(document.IssuedDate),
            ["verify_url"] = Encode(document.VerifyUrl),
            ["status"] = document.Status,
            ["status_note"] = document.StatusNote is null ? null : Encode(document.StatusNote),
            ["language"] = document.Language,
        };
        var issuer = new ScriptObject
        {
            ["name"] = Encode(document.IssuerName),
            ["signatory_title"] = Encode(document.SignatoryTitle),
            ["signatory_name"] = Encode(document.SignatoryName),
            // Raw on purpose: EmblemSvg accepted it only without scripts or external references, and wrote it out again.
            ["emblem_svg"] = document.EmblemSvg,
        };
        var globals = new ScriptObject
        {
            ["certificate"] = certificate,
            ["issuer"] = issuer,
            ["qr_svg"] = document.Qr.ToSvg(document.VerifyUrl),
        };
        return TemplateRenderer.RenderWith(template, globals);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
