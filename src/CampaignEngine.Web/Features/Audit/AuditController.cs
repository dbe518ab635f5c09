using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Audit;

internal sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? FirstBroken, DateTimeOffset? From = null, DateTimeOffset? To = null);

[Route("audit"), Authorize(Policy = Roles.Staff)]
internal sealed class AuditController(AuditLog audit) : Controller
{
    [HttpGet("")]
    public IActionResult Index(string? from, string? to)
    {
        // The fields are read as Bishkek time, the time the page shows.
        var (start, end) = (StaffTime.ParseInput(from), StaffTime.ParseInput(to));
        var me = HttpContext.CurrentUser();
        return View(new AuditPage(audit.List(start, end, me.IsNational ? null : me.Id), me.IsNational ? audit.FirstBroken() : null, start, end));
    }
}
