using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>
/// The issuers' public keys, for anyone who wants to check certificates offline (save it, then
/// <c>verify file.pdf --keys issuers.json</c>). Keys change rarely and a new one only adds an entry, so an
/// hour of caching is safe.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class IssuerKeysController(IssuerKeyDirectory keys) : ControllerBase
{
    [HttpGet(".well-known/campaign-engine/issuers.json")]
    public IActionResult Issuers()
    {
        Response.Headers.CacheControl = "public, max-age=3600";
        return Ok(keys.Publish());
    }
}
