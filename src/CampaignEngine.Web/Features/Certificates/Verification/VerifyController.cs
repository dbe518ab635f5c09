using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Certificates.Verification;

/// <summary>
/// The page a certificate's QR code opens: anyone, without signing in, learns whether the paper is genuine.
/// It speaks the certificate's language unless <c>?lang=</c> asks otherwise.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class VerifyController(CertificateVerifier verifier) : Controller
{
    [HttpGet("verify")]
    public IActionResult Form(string? serial) =>
        string.IsNullOrWhiteSpace(serial) ? View("Verify", (CertificateVerification?)null) : RedirectToAction(nameof(Show), new { serial = serial.Trim() });

    [HttpGet("verify/{serial}")]
    public IActionResult Show(string serial, string? lang, string? s)
    {
        // s is the signature the QR code carries; k (its key id) is only for offline verifiers.
        var result = verifier.Verify(serial, string.IsNullOrEmpty(s) ? null : s);
        if (result.HolderProven) ViewData["Proof"] = s;
        if (!Languages.IsKnown(lang) && result.Certificate is { } certificate) UiLanguage.Set(HttpContext, certificate.Language);
        // Verification answers must be current: a revoked certificate must not read "valid" from a cache.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return View("Verify", result);
    }
}
