using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Issuing;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Certificates.Nominations;

internal sealed record ApproveBody(string? Reason, string? Language, bool HonourRoll = false);

internal sealed record RejectBody(string? Note);

internal sealed record HonourRollBody(bool Listed);

internal sealed record NominateBody(long? CompatriotId, string? Kind, string? Reason);

/// <summary>Modules' nominations awaiting the oblast user's decision, and the holder's honour-roll consent.</summary>
// Leaders list and propose nominations for their members; deciding and the honour roll are for those who issue.
[Authorize(Policy = Roles.Staff, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class NominationsApiController(CertificateNominations nominations, LeaderNominations leaders, CertificateService certificates) : ApiControllerBase
{
    // A leader sees the nominations they proposed; everyone else the queue of the issuers they act for.
    [HttpGet("api/certificates/nominations")]
    public IActionResult List(string? status = NominationStatus.Pending) =>
        Ok((Me.Role == Roles.Leader ? leaders.Mine(Me).Where(n => string.IsNullOrEmpty(status) || status == "all" || n.Status == status).ToList()
            : nominations.List(Me, string.IsNullOrEmpty(status) || status == "all" ? null : status)).Select(n => new
        {
            id = n.Id, compatriotId = n.CompatriotId, fullName = n.FullName, moduleId = n.ModuleId, kind = n.Kind, reason = n.Reason,
            status = n.Status, createdAt = n.CreatedAt, decidedAt = n.DecidedAt, serial = n.Serial, note = n.DecisionNote,
        }));

    /// <summary>A leader nominates a member of their own organisation; the issuer of the member's home region decides.</summary>
    [HttpPost("api/certificates/nominations")]
    public IActionResult Nominate([FromBody] NominateBody body)
    {
        var outcome = leaders.Nominate(Me, body.CompatriotId, body.Kind, body.Reason);
        if (outcome.Forbidden) return Problems.Forbidden(outcome.Error!);
        if (outcome.Duplicate) return Problems.Conflict(outcome.Error!);
        if (outcome.Id is not { } id) return Problems.Invalid(outcome.Field!, outcome.Error!);
        return Created($"/api/certificates/nominations/{id}", new { id, moduleId = outcome.ModuleId, status = NominationStatus.Pending });
    }

    [HttpPost("api/certificates/nominations/{id:long}/approve"), Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult Approve(long id, [FromBody] ApproveBody body)
    {
        var outcome = nominations.Approve(Me, id, body.Reason, body.Language, body.HonourRoll);
        return outcome.Certificate is { } issued
            ? Created($"/api/certificates/{issued.Serial}", new { serial = issued.Serial })
            : Problem(outcome);
    }

    [HttpPost("api/certificates/nominations/{id:long}/reject"), Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult Reject(long id, [FromBody] RejectBody body)
    {
        var outcome = nominations.Reject(Me, id, body.Note);
        return outcome.Field is null && !outcome.Forbidden ? NoContent() : Problem(outcome);
    }

    [HttpPost("api/certificates/{serial}/honour-roll"), Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
    public IActionResult HonourRoll(string serial, [FromBody] HonourRollBody body)
    {
        var outcome = certificates.SetHonourRoll(Me, serial, body.Listed);
        return outcome.Certificate is { } c ? Ok(new { serial = c.Serial, honourRoll = c.HonourRoll }) : Problem(outcome);
    }

    private static IActionResult Problem(IssueOutcome outcome)
    {
        if (outcome.Forbidden) return Problems.Forbidden(outcome.Error!);
        // An unknown id and one of another region look the same from outside.
        if (outcome.Field is "nomination" or "serial" && outcome.Error is "no such nomination" or "no such certificate")
            return Problems.NotFound(outcome.Error);
        return outcome.Error == "has already been decided" ? Problems.Conflict("The nomination has already been decided.") : Problems.Invalid(outcome.Field!, outcome.Error!);
    }
}
