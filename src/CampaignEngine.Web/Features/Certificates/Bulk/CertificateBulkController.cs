using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Issuing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates.Bulk;

internal sealed class BulkForm
{
    public string? ModuleId { get; set; }
    public long? CampaignId { get; set; }
    public long? ProjectId { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public decimal? MinUsd { get; set; }
    public decimal? MinHours { get; set; }
    public string? Kind { get; set; }
    public string? Language { get; set; }
    public string? Reason { get; set; }
    public bool HonourRoll { get; set; }
    public bool IncludeUnfulfilled { get; set; }
    public bool DeliverToHolders { get; set; }

    public BulkCriteria Criteria => new(ModuleId, CampaignId, ProjectId, From, To, MinUsd, MinHours, Kind,
        string.IsNullOrEmpty(Language) ? null : Language, string.IsNullOrWhiteSpace(Reason) ? null : Reason, HonourRoll, IncludeUnfulfilled, DeliverToHolders);
}

internal sealed record BulkPage(BulkForm Form, IReadOnlyList<ModuleManifest> Modules, IReadOnlyList<BulkCandidate>? Preview, string? ErrorKey);

internal sealed record BulkJobPage(BulkJobStatus Job);

/// <summary>Bulk issuance from the pages: criteria, a preview to check, then a job with progress and a ZIP of the PDFs.</summary>
[Route("certificates/bulk"), Authorize(Policy = Roles.Campaigners)]
internal sealed class CertificateBulkController(CertificateBulk bulk, ModuleRegistry modules) : Controller
{
    [HttpGet("")]
    public IActionResult Form() => View("Bulk", new BulkPage(new BulkForm { Kind = CertificateKinds.Gratitude }, ModulesActedFor, null, null));

    /// <summary>"preview" shows who qualifies; "issue" starts the job with the same criteria.</summary>
    [HttpPost(""), ValidateAntiForgeryToken]
    public IActionResult Submit([FromForm] BulkForm form, [FromForm] string? action)
    {
        if (action == "issue")
        {
            var (jobId, _, refused) = bulk.Start(Me, form.Criteria);
            if (jobId is { } id) return Redirect($"/certificates/bulk/{id}");
            return Refused(form, refused!);
        }
        var (candidates, notShown) = bulk.Preview(Me, form.Criteria);
        return notShown is null ? View("Bulk", new BulkPage(form, ModulesActedFor, candidates, null)) : Refused(form, notShown);
    }

    [HttpGet("{id:long}")]
    public IActionResult Job(long id)
    {
        if (bulk.Status(Me, id) is not { } status) return NotFound();
        // The page follows the job without scripts (the CSP allows none): the browser reloads it until it ends.
        if (status.Status is "queued" or "running") Response.Headers["Refresh"] = "3";
        return View("BulkJob", new BulkJobPage(status));
    }

    [HttpGet("{id:long}/zip")]
    public IActionResult Zip(long id) => BulkZip.Answer(this, bulk, Me, id) ?? NotFound();

    private ViewResult Refused(BulkForm form, IssueOutcome outcome)
    {
        Response.StatusCode = outcome.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return View("Bulk", new BulkPage(form, ModulesActedFor, null, outcome.Forbidden ? "cert.error.forbidden" : "cert.error." + outcome.Field));
    }

    private CurrentUser Me => HttpContext.CurrentUser();

    private IReadOnlyList<ModuleManifest> ModulesActedFor => AccessScope.Of(Me).ModulesActedFor(modules);
}
