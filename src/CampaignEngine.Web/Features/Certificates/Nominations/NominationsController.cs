using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Issuing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Certificates.Nominations;

internal sealed record NominationsPage(IReadOnlyList<NominationRecord> Pending, IReadOnlyList<NominationRecord> Decided, string? ErrorKey);

/// <summary>The oblast user's queue of nominations made by modules: approve (issues the certificate) or reject.</summary>
[Route("certificates/nominations"), Authorize(Policy = Roles.Campaigners)]
internal sealed class NominationsController(CertificateNominations nominations) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View("Nominations", Page(null));

    [HttpPost("{id:long}/approve"), ValidateAntiForgeryToken]
    public IActionResult Approve(long id, [FromForm] string? reason, [FromForm] string? language, [FromForm] bool honourRoll)
    {
        var outcome = nominations.Approve(Me, id, reason, language, honourRoll);
        if (outcome.Certificate is { } issued) return Redirect($"/certificates/{Uri.EscapeDataString(issued.Serial)}?issued=true");
        return Failed(outcome);
    }

    [HttpPost("{id:long}/reject"), ValidateAntiForgeryToken]
    public IActionResult Reject(long id, [FromForm] string? note)
    {
        var outcome = nominations.Reject(Me, id, note);
        return outcome.Field is null && !outcome.Forbidden ? Redirect("/certificates/nominations") : Failed(outcome);
    }

    private IActionResult Failed(IssueOutcome outcome)
    {
        if (outcome.Error == "no such nomination") return NotFound();
        Response.StatusCode = outcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return View("Nominations", Page(outcome.Forbidden ? "cert.error.forbidden" : "cert.error." + outcome.Field));
    }

    private NominationsPage Page(string? errorKey) =>
        new(nominations.List(Me, NominationStatus.Pending), nominations.List(Me, null).Where(n => n.Status != NominationStatus.Pending).Take(50).ToList(), errorKey);

    private CurrentUser Me => HttpContext.CurrentUser();
}
