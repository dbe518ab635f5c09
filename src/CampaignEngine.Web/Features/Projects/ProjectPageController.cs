using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Projects;

public sealed record ProjectPage(ProjectRow Project, ProjectProgress Progress, decimal? FulfilledKgs, IReadOnlyList<ProjectUpdate> Updates, IReadOnlyList<string> Donors);

/// <summary>
/// The public transparency page a leader shows sceptical members: where did the money go? Donor counts
/// under five are not shown (a small village could tell who gave), and names only with consent.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class ProjectPageController(ProjectStore projects, ProjectFiles files, Rates rates, TimeProvider clock) : Controller
{
    public const int SmallestPublicCount = 5;

    [HttpGet("/projects/{id:long}")]
    public IActionResult Show(long id, string? lang)
    {
        if (projects.Find(id) is not { } project) return NotFound();
        if (Languages.IsKnown(lang)) UiLanguage.Set(HttpContext, lang!);
        var progress = projects.Progress(id);
        Response.Headers.CacheControl = "public, max-age=300";
        return View("Public", new ProjectPage(project, progress, rates.UsdToKgs(progress.FulfilledUsd, clock.GetUtcNow()),
            projects.Updates(id), projects.ConsentingDonors(id)));
    }

    /// <summary>
    /// A photo or document of an update. Its type was decided from its content at upload; the browser is told
    /// not to guess another (nosniff), and the response may run nothing (sandbox). PDFs download rather than open
    /// inline, so a crafted document never runs in this site's origin.
    /// </summary>
    [HttpGet("/projects/{id:long}/files/{fileId:long}")]
    public IActionResult File(long id, long fileId)
    {
        if (projects.FindFile(id, fileId) is not { } file) return NotFound();
        var path = files.PathOf(file.StoredName);
        if (!System.IO.File.Exists(path)) return NotFound();
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        Response.Headers.CacheControl = "public, max-age=86400";
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(file.IsImage ? "inline" : "attachment");
        disposition.SetHttpFileName(file.OriginalName);
        Response.Headers.ContentDisposition = disposition.ToString();
        return PhysicalFile(path, file.ContentType);
    }
}
