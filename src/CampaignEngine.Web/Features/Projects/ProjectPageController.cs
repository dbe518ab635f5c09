using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Projects;

/// <param name="Give">The pledge form for a visitor who came from their own link to a campaign that asks for this project; null for anyone else.</param>
public sealed record ProjectPage(
    ProjectRow Project, ProjectProgress Progress, decimal? FulfilledKgs, IReadOnlyList<ProjectUpdate> Updates, IReadOnlyList<string> Donors,
    Responses.PledgeFormView? Give = null);

/// <summary>
/// The public transparency page a leader shows sceptical members: where did the money go? Donor counts
/// under five are not shown (a small village could tell who gave), and names only with consent.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class ProjectPageController(
    ProjectStore projects, ProjectFiles files, Rates rates, TimeProvider clock, Responses.TrackedMessages messages, Responses.ICampaignProjects campaignProjects) : Controller
{
    public const int SmallestPublicCount = 5;

    /// <summary>
    /// The public page; <paramref name="via"/> is the visitor's own link token, carried by the "about the project" link of
    /// their appeal page. Giving is tied to that link, not to this page: whoever holds the link gives as its recipient,
    /// through the same rules as on the appeal page (the campaign must ask for this project; the link's daily bound; large
    /// sums wait for staff), because the form posts to the link's own pledge address. A token that is not a link, or whose
    /// campaign does not ask for this project, shows the page as anyone sees it. A stranger without a link has no way to
    /// give here yet: a pledge counts for a person the organisers can reach, and a page anyone can post to would let
    /// anyone inflate a project's figures.
    /// </summary>
    [HttpGet("/projects/{id:long}")]
    public IActionResult Show(long id, string? lang, string? via)
    {
        if (projects.Find(id) is not { } project) return NotFound();
        var link = via is null ? null : messages.Find(via);
        if (link is not null && !campaignProjects.Names(link.CampaignId, id)) link = null;
        var language = Languages.IsKnown(lang) ? lang! : link?.Language;
        if (language is not null) UiLanguage.Set(HttpContext, language);
        var progress = projects.Progress(id);
        // A page that carries someone's link is theirs alone: never stored by a cache, never indexed. The page itself stays cacheable.
        Response.Headers.CacheControl = link is null ? "public, max-age=300" : "no-store";
        if (link is not null) Response.Headers["X-Robots-Tag"] = "noindex";
        return View("Public", new ProjectPage(project, progress, rates.UsdToKgs(progress.FulfilledUsd, clock.GetUtcNow()),
            projects.Updates(id), projects.ConsentingDonors(id), link is null ? null : GiveForm(link, project)));
    }

    private Responses.PledgeFormView GiveForm(Responses.TrackedMessage link, ProjectRow project) =>
        new(link.Token, new PledgeForm { ProjectId = project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, [], rates.Currencies(),
            Countries.Find(link.Country)?.Currency ?? "USD", [new Responses.ProjectChoice(project.Id, project.Title.In(UiLanguage.Of(HttpContext)))], ProjectFixed: true);

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
