using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Audit;

[Route("api/audit")]
internal sealed class AuditApiController(AuditLog audit) : ApiControllerBase
{
    /// <summary>National staff read the whole log; oblast users and leaders read their own actions.</summary>
    [HttpGet]
    public IActionResult List(DateTimeOffset? from, DateTimeOffset? to) =>
        Ok(audit.List(from, to, Me.IsNational ? null : Me.Id).Select(e => new
        {
            id = e.Id, at = e.At, actor = e.Actor, action = e.Action, subject = e.Subject, detail = e.Detail, hash = e.Hash,
        }));

    [HttpGet("verify")]
    public IActionResult Verify()
    {
        if (!Me.IsNational) return Problems.Forbidden("Only national staff verify the audit chain.");
        var broken = audit.FirstBroken();
        return Ok(new { ok = broken is null, firstBrokenId = broken });
    }
}
