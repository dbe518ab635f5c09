using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Certificates.Delivery;

internal sealed record HolderPage(CertificateRecord? Certificate, string Token, string? IssuerName, string? VerifyUrl, DateTimeOffset? ExpiresAt, bool Expired,
    CertificateSuccessor? Successor = null);

/// <summary>
/// The holder's own link from the delivery message: a light public page with their certificate to print or
/// download and its verify address. The random token is the only key; it expires, and an erased person's opens nothing.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class HolderLinkController(CertificateLinks links, CertificateRendering rendering, CertificateDocuments documents, CertificateIssuers issuers) : Controller
{
    [HttpGet("c/{token}")]
    public IActionResult Show(string token, string? lang)
    {
        var (certificate, expires, expired) = Open(token);
        if (Languages.IsKnown(lang)) UiLanguage.Set(HttpContext, lang!);
        else if (certificate is not null) UiLanguage.Set(HttpContext, certificate.Language);
        if (certificate is null) Response.StatusCode = expired ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound;
        return View("Holder", new HolderPage(certificate, token, certificate is null ? null : issuers.For(certificate).Name.In(UiLanguage.Of(HttpContext)),
            // The holder's own page: the address with the QR code's proof, which names them to whoever they share it with.
            certificate is null ? null : documents.QrPayload(certificate), expires, expired,
            certificate is { Status: CertificateStatus.Superseded } ? links.SuccessorOf(certificate) : null));
    }

    [HttpGet("c/{token}/pdf")]
    public IActionResult Pdf(string token) =>
        Open(token) is ({ } certificate, _, _) ? File(rendering.Pdf(certificate), "application/pdf", $"{certificate.Serial}.pdf") : NotFound();

    [HttpGet("c/{token}/html")]
    public IActionResult Html(string token) =>
        Open(token) is ({ } certificate, _, _) ? Content(rendering.Html(certificate), "text/html; charset=utf-8") : NotFound();

    private (CertificateRecord? Certificate, DateTimeOffset? ExpiresAt, bool Expired) Open(string token)
    {
        // The link is personal: no cache may keep it, no search engine list it.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return links.Open(token);
    }
}
