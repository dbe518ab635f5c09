using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? FirstBroken);

[Route("audit"), Authorize(Policy = Roles.Staff)]
public sealed class AuditController(AuditLog audit) : Controller
{
    [HttpGet("")]
    public IActionResult Index(DateTimeOffset? from, DateTimeOffset? to)
    {
        var me = HttpContext.CurrentUser();
        return View(new AuditPage(audit.List(from, to, me.IsNational ? null : me.Id), me.IsNational ? audit.FirstBroken() : null));
    }
}
