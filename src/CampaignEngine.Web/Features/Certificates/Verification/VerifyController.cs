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
    /// <summary>The form, or its answer: a serial goes to its page; a pasted code (a QR code's text, a payload line) is checked here.</summary>
    [HttpGet("verify")]
    public IActionResult Form(string? serial, string? lang)
    {
        if (string.IsNullOrWhiteSpace(serial)) return View("Verify", (CertificateVerification?)null);
        // A code carries the holder's name: it is answered on this page, not put into a redirect address.
        if (verifier.VerifyCode(serial) is { } pasted) return Answer(pasted, lang, pasted.Certificate is { } c ? CertificatePayload.Of(c)?.Signature : null);
        return RedirectToAction(nameof(Show), new { serial = serial.Trim() });
    }

    [HttpGet("verify/{serial}")]
    public IActionResult Show(string serial, string? lang, string? s) =>
        // s is the signature the QR code carries; k (its key id) is only for offline verifiers.
        Answer(verifier.Verify(serial, string.IsNullOrEmpty(s) ? null : s), lang, s);

    private ViewResult Answer(CertificateVerification result, string? lang, string? proof)
    {
        if (result.HolderProven) ViewData["Proof"] = proof;
        if (!Languages.IsKnown(lang) && result.Certificate is { } certificate) UiLanguage.Set(HttpContext, certificate.Language);
        // Verification answers must be current: a revoked certificate must not read "valid" from a cache.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return View("Verify", result);
    }
}
