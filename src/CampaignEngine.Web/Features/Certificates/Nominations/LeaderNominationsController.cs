using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Certificates.Nominations;

/// <summary>The leader's "nominate for a certificate" button on a member's pledge page.</summary>
[Route("certificates/nominations"), Authorize(Policy = Roles.Staff)]
internal sealed class LeaderNominationsController(LeaderNominations nominations, Pledges.PledgeStore pledges) : Controller
{
    // Refused by role before the form or its token is read: only leaders propose.
    [HttpPost("propose"), Authorize(Roles = Roles.Leader), ValidateAntiForgeryToken]
    public IActionResult Propose([FromForm] long pledgeId, [FromForm] string? kind, [FromForm] string? reason)
    {
        var me = HttpContext.CurrentUser();
        if (me.Role != Roles.Leader) return Forbid();
        // The member is taken from a pledge the leader may see, never from a free id in the form.
        if (pledges.Find(pledgeId, me) is not { } pledge) return NotFound();
        var outcome = nominations.Nominate(me, pledge.CompatriotId, kind, reason);
        var result = outcome.Id is not null ? "nominated=true" : "nominationError=" + (outcome.Duplicate ? "duplicate" : outcome.Field ?? "compatriotId");
        return Redirect($"/pledges/{pledge.Id}?{result}");
    }
}
