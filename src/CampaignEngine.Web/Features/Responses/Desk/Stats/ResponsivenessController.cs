using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Responses.Desk.Stats;

/// <param name="Modules">Every enabled module, with its figures (zero when it received nothing).</param>
internal sealed record ResponsivenessPage(DeskPeriod Period, IReadOnlyList<(string ModuleId, DeskFigures Figures)> Modules);

/// <summary>
/// <c>/responsiveness</c>: how each oblast administration answered the questions of the last 90 days, for anyone —
/// leaders point their members to it. Counts only, per module: no person, message, assignee or gender split, and a
/// figure built on fewer than five questions is not shown.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class ResponsivenessController(DeskStats stats, ModuleRegistry modules, TimeProvider clock) : Controller
{
    [HttpGet("responsiveness")]
    public IActionResult Show()
    {
        var period = DeskPeriod.LastDays(clock.GetUtcNow());
        var figures = stats.For(period, AccessScope.Everything).Modules.ToDictionary(m => m.Key, m => m.Total, StringComparer.Ordinal);
        var rows = modules.Enabled.Select(m => (m.Manifest.Id, figures.GetValueOrDefault(m.Manifest.Id) ?? new DeskFigures(0, 0, null, 0))).ToList();
        // Figures move slowly and the page is public: a few minutes in any cache, kept apart per language.
        Response.Headers.CacheControl = "public, max-age=300";
        Response.Headers.Vary = "Accept-Language, Cookie";
        return View("Responsiveness", new ResponsivenessPage(period, rows));
    }
}
