using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Certificates.Verification;

/// <param name="Name">The partial name; null once the holder was erased (the page says so).</param>
internal sealed record HonourRollEntry(string? Name, string Kind, DateTimeOffset IssuedAt, string Serial);

internal sealed record HonourRollPage(ModuleManifest Module, IReadOnlyList<HonourRollEntry> Entries, Core.Reference.LocalizedText? IssuerName = null);

/// <summary>
/// An oblast's public honour roll: only holders who agreed to be listed, with the same partial name as the
/// verify page, so the list honours people without becoming a directory of migrants.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class HonourRollController(CertificateStore store, ModuleRegistry modules, IssuerProfileStore issuers) : Controller
{
    public const int MaxEntries = 500;

    [HttpGet("honour/{moduleId}")]
    public IActionResult Show(string moduleId)
    {
        if (modules.Find(moduleId) is not { } module) return NotFound();
        var entries = store.HonourRoll(moduleId, MaxEntries)
            .Select(c => new HonourRollEntry(c.HolderErased ? null : HolderName.Partial(c.HolderName), c.Kind, c.IssuedAt, c.Serial)).ToList();
        // A withdrawn consent or a revocation must disappear soon: cache briefly only.
        Response.Headers.CacheControl = "public, max-age=300";
        // The administration as it names itself now (it may have edited its issuer data).
        return View("HonourRoll", new HonourRollPage(module, entries, issuers.Current(module).Issuer.Name));
    }
}
