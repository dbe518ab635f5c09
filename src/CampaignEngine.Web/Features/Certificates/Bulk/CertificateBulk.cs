using System.IO.Compression;
using System.Text.Json;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Delivery;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuing;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.ModuleHost;
using Hangfire;

namespace CampaignEngine.Web.Features.Certificates.Bulk;

/// <summary>The state of a bulk job as the API reports it.</summary>
internal sealed record BulkJobStatus(long Id, string ModuleId, string Kind, string Status, int Total, int Done, int Failed, IReadOnlyList<string> Serials,
    long? DeliveryCampaignId = null);

/// <summary>
/// Bulk issuance: a preview of who qualifies, then a background job that issues to each of them with the
/// same rules as a single issuance (each checked again as it is issued, as the requesting user).
/// </summary>
internal sealed class CertificateBulk(
    BulkEligibility eligibility, CertificateJobStore jobs, CertificateService certificates, CertificateStore store, ModuleRegistry modules,
    CertificateRendering rendering, CertificateDelivery delivery, Projects.ProjectStore projects, Campaigns.CampaignStore campaigns, UserStore users, UiText texts, IBackgroundJobClient background, TimeProvider clock,
    ILogger<CertificateBulk> logger)
{
    /// <summary>Who would receive a certificate; the ones already holding one are listed but not issued again.</summary>
    public (IReadOnlyList<BulkCandidate> Candidates, IssueOutcome? Refused) Preview(CurrentUser user, BulkCriteria criteria)
    {
        if (Check(user, criteria) is { } refused) return ([], refused);
        // Check made sure the module is enabled.
        var module = modules.Find(criteria.ModuleId)!;
        var candidates = eligibility.Find(module, criteria, AccessScope.Of(user).PeopleRegion);
        if (candidates.Count > BulkEligibility.MaxCandidates)
            return ([], IssueOutcome.Invalid("criteria", $"select at most {BulkEligibility.MaxCandidates} people: narrow the period or raise the threshold"));
        return (candidates, null);
    }

    /// <summary>Creates the job from a fresh preview and queues it; null id with the refusal when the criteria are wrong.</summary>
    public (long? JobId, int Total, IssueOutcome? Refused) Start(CurrentUser user, BulkCriteria criteria)
    {
        var (candidates, refused) = Preview(user, criteria);
        if (refused is not null) return (null, 0, refused);
        var items = candidates.Where(c => c.ExistingSerial is null)
            .Select(c => new CertificateJobItem(c.CompatriotId, ReasonFor(criteria, c))).ToList();
        if (items.Count == 0) return (null, 0, IssueOutcome.Invalid("criteria", "nobody qualifies who does not already hold such a certificate"));
        var id = jobs.Create(criteria.ModuleId!, criteria.Kind!, JsonSerializer.Serialize(criteria, JsonSerializerOptions.Web), user.Id, items, clock.GetUtcNow());
        background.Enqueue<CertificateBulk>(b => b.Run(id));
        logger.LogInformation("Bulk certificate job {JobId} queued by user {UserId}: {Count} people, module {ModuleId}", id, user.Id, items.Count, criteria.ModuleId);
        return (id, items.Count, null);
    }

    /// <summary>The Hangfire job: issues every pending item. Rerunning it resumes where it stopped.</summary>
    [AutomaticRetry(Attempts = 0)]
    public void Run(long jobId)
    {
        try
        {
            IssueAll(jobId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A job that died must say so, not read "running" forever; what it issued stays issued.
            logger.LogError(ex, "Bulk certificate job {JobId} failed", jobId);
            jobs.SetStatus(jobId, "failed", clock.GetUtcNow());
        }
    }

    private void IssueAll(long jobId)
    {
        if (jobs.Find(jobId) is not { } job || job.Status is "completed") return;
        var criteria = JsonSerializer.Deserialize<BulkCriteria>(job.CriteriaJson, JsonSerializerOptions.Web)!;
        jobs.SetStatus(jobId, "running");
        // The requester's rights are checked again now: a user disabled or moved since the preview issues nothing.
        var requester = users.Find(job.RequestedBy) is { } u ? new CurrentUser(u.Id, u.Login, u.Role, u.Region, u.OrganizationId) : null;
        foreach (var item in jobs.Pending(jobId))
        {
            try
            {
                // Duplicates are allowed: the preview listed what each person already holds before the issuer went on.
                var outcome = requester is null
                    ? IssueOutcome.Refused("the requesting user no longer exists")
                    : certificates.Issue(requester, new IssueRequest(item.CompatriotId, job.ModuleId, job.Kind, criteria.Language, item.Reason, criteria.HonourRoll, AllowDuplicate: true));
                if (outcome.Certificate is { } issued) jobs.Issued(jobId, item.CompatriotId, issued.Serial);
                else jobs.Failed(jobId, item.CompatriotId, outcome.Error ?? outcome.Field ?? "refused");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogError(ex, "Bulk certificate job {JobId}: issuing to compatriot {CompatriotId} failed", jobId, item.CompatriotId);
                jobs.Failed(jobId, item.CompatriotId, "internal error");
            }
        }
        // Delivered once everything is issued, as one campaign: rerunning the job queues nothing twice.
        if (criteria.DeliverToHolders && requester is not null)
        {
            var issued = jobs.Serials(jobId).Select(store.Find).OfType<CertificateRecord>().ToList();
            if (issued.Count > 0) jobs.SetDeliveryCampaign(jobId, delivery.DeliverJob(requester, jobId, job.ModuleId, issued).CampaignId);
        }
        jobs.SetStatus(jobId, "completed", clock.GetUtcNow());
    }

    public BulkJobStatus? Status(CurrentUser user, long id) =>
        jobs.Find(id) is { } job && AccessScope.Of(user).MayActFor(job.ModuleId, modules)
            ? new BulkJobStatus(job.Id, job.ModuleId, job.Kind, job.Status, job.Total, job.Done, job.Failed, jobs.Serials(id), job.DeliveryCampaignId)
            : null;

    /// <summary>Writes every issued certificate of the job as <c>SERIAL.pdf</c> into one ZIP; false when the user may not see the job.</summary>
    public bool WriteZip(CurrentUser user, long id, Stream output)
    {
        if (Status(user, id) is not { } status) return false;
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var serial in status.Serials)
        {
            if (store.Find(serial) is not { } certificate) continue;
            // PDFs are already compressed streams; deflating them again costs CPU for nothing.
            var entry = zip.CreateEntry($"{serial}.pdf", CompressionLevel.NoCompression);
            using var stream = entry.Open();
            stream.Write(rendering.Pdf(certificate));
        }
        return true;
    }

    private string ReasonFor(BulkCriteria criteria, BulkCandidate candidate)
    {
        if (!string.IsNullOrWhiteSpace(criteria.Reason)) return criteria.Reason.Trim();
        var language = criteria.Language ?? (Languages.IsKnown(candidate.Language) ? candidate.Language : "ky");
        return texts.Get(language, "cert.bulk.defaultReason");
    }

    private IssueOutcome? Check(CurrentUser user, BulkCriteria criteria)
    {
        if (!CertificateKinds.IsKnown(criteria.Kind))
            return IssueOutcome.Invalid("kind", $"must be one of: {string.Join(", ", CertificateKinds.All)}");
        if (criteria.Language is not null && !Languages.IsKnown(criteria.Language))
            return IssueOutcome.Invalid("language", $"must be one of: {string.Join(", ", Languages.All)}");
        if (criteria.Reason is { Length: > CertificateService.MaxReason })
            return IssueOutcome.Invalid("reason", $"must be at most {CertificateService.MaxReason} characters");
        if (criteria.From is { } from && criteria.To is { } to && from > to) return IssueOutcome.Invalid("to", "must not be before from");
        if (criteria.MinUsd < 0) return IssueOutcome.Invalid("minUsd", "must not be negative");
        if (criteria.MinHours < 0) return IssueOutcome.Invalid("minHours", "must not be negative");
        if (string.IsNullOrWhiteSpace(criteria.ModuleId)) return IssueOutcome.Invalid("moduleId", "is required");
        if (modules.Find(criteria.ModuleId) is not { } module) return IssueOutcome.Invalid("moduleId", "is not an enabled module");
        if (!AccessScope.Of(user).MayActFor(module)) return IssueOutcome.Refused($"You may not issue certificates for module {criteria.ModuleId}.");
        // A campaign or project of another module would recognise contributions this issuer did not ask for.
        var national = module.Scope == Core.Modules.ModuleScope.National;
        if (criteria.ProjectId is { } projectId && (projects.Find(projectId) is not { } project || !(national || project.ModuleId == criteria.ModuleId)))
            return IssueOutcome.Invalid("projectId", $"no project {projectId} of module {criteria.ModuleId}");
        if (criteria.CampaignId is { } campaignId
            && (campaigns.Find(campaignId, AccessScope.Everything) is not { } campaign || !(national || campaign.ModuleId == criteria.ModuleId)))
            return IssueOutcome.Invalid("campaignId", $"no campaign {campaignId} of module {criteria.ModuleId}");
        return null;
    }
}
