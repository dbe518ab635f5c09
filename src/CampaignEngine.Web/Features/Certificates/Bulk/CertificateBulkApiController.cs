using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Issuing;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Certificates.Bulk;

internal sealed record BulkBody(
    string? ModuleId, long? CampaignId, long? ProjectId, DateOnly? From, DateOnly? To, decimal? MinUsd, decimal? MinHours,
    string? Kind, bool DryRun, string? Language = null, string? Reason = null, bool HonourRoll = false, bool IncludeUnfulfilled = false,
    bool DeliverToHolders = false)
{
    public BulkCriteria Criteria => new(ModuleId, CampaignId, ProjectId, From, To, MinUsd, MinHours, Kind, Language, Reason, HonourRoll, IncludeUnfulfilled,
        DeliverToHolders);
}

/// <summary>Bulk issuance: preview (dryRun) or a background job, its progress and its PDFs as one ZIP.</summary>
// Certificates are for national staff and oblast administrations; leaders have none to see.
[Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class CertificateBulkApiController(CertificateBulk bulk) : ApiControllerBase
{
    [HttpPost("api/certificates/bulk")]
    public IActionResult Bulk([FromBody] BulkBody body)
    {
        if (body.DryRun)
        {
            var (candidates, refused) = bulk.Preview(Me, body.Criteria);
            if (refused is not null) return Problem(refused);
            return Ok(new
            {
                dryRun = true,
                count = candidates.Count(c => c.ExistingSerial is null),
                alreadyHolding = candidates.Count(c => c.ExistingSerial is not null),
                candidates = candidates.Select(c => new
                {
                    compatriotId = c.CompatriotId, fullName = c.FullName, language = c.Language, homeRegion = c.HomeRegion,
                    pledges = c.Pledges, usd = c.Usd, hours = c.Hours, existingSerial = c.ExistingSerial,
                }),
            });
        }
        var (jobId, total, notStarted) = bulk.Start(Me, body.Criteria);
        if (notStarted is not null) return Problem(notStarted);
        return Accepted($"/api/jobs/{jobId}", new { jobId, total, progress = $"/api/jobs/{jobId}", zip = $"/api/jobs/{jobId}/zip" });
    }

    [HttpGet("api/jobs/{id:long}")]
    public IActionResult Job(long id) =>
        bulk.Status(Me, id) is { } status
            ? Ok(new
            {
                id = status.Id, status = status.Status, total = status.Total, done = status.Done, failed = status.Failed, serials = status.Serials,
                deliveryCampaignId = status.DeliveryCampaignId,
            })
            : Problems.NotFound($"job {id}");

    [HttpGet("api/jobs/{id:long}/zip"), Produces("application/zip")]
    public IActionResult Zip(long id) => BulkZip.Answer(this, bulk, Me, id) ?? Problems.NotFound($"job {id}");

    private static IActionResult Problem(IssueOutcome outcome) =>
        outcome.Forbidden ? Problems.Forbidden(outcome.Error!) : Problems.Invalid(outcome.Field!, outcome.Error!);
}

/// <summary>The ZIP download shared by the API and the pages: built in a temporary file, never all in memory.</summary>
internal static class BulkZip
{
    public static IActionResult? Answer(ControllerBase controller, CertificateBulk bulk, Auth.CurrentUser user, long id)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        if (!bulk.WriteZip(user, id, file))
        {
            file.Dispose();
            return null;
        }
        file.Position = 0;
        return controller.File(file, "application/zip", $"certificates-job-{id}.zip");
    }
}
