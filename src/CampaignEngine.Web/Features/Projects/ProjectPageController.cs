using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Pledges.Offers;
using CampaignEngine.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CampaignEngine.Web.Infrastructure.Web;

namespace CampaignEngine.Web.Features.Projects;

/// <param name="Give">The pledge form for a visitor who came from their own link to a campaign that asks for this project; null for anyone else.</param>
/// <param name="Offer">The offer form for everyone else: what they would give and how to reach them.</param>
internal sealed record ProjectPage(
    ProjectRow Project, ProjectProgress Progress, decimal? FulfilledKgs, IReadOnlyList<ProjectUpdate> Updates, IReadOnlyList<string> Donors,
    Responses.PledgeFormView? Give = null, OfferFormView? Offer = null);

/// <summary>
/// The public transparency page a leader shows sceptical members: where did the money go? Donor counts
/// under five are not shown (a small village could tell who gave), and names only with consent.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class ProjectPageController(
    ProjectStore projects, ProjectFiles files, Rates rates, TimeProvider clock, Responses.TrackedMessages messages, Responses.ICampaignProjects campaignProjects,
    OfferFormReader offerReader, OfferStore offers, OfferLimit offerLimit, ModuleHost.ModuleRegistry modules) : Controller
{
    public const int SmallestPublicCount = 5;

    /// <summary>
    /// The public page; <paramref name="via"/> is the visitor's own link token, carried by the "about the project" link of
    /// their appeal page. Giving is tied to that link, not to this page: whoever holds the link gives as its recipient,
    /// through the same rules as on the appeal page (the campaign must ask for this project; the link's daily bound; large
    /// sums wait for staff), because the form posts to the link's own pledge address. A token that is not a link, or whose
    /// campaign does not ask for this project, shows the page as anyone sees it: with the offer form, whose offers count
    /// nowhere until someone on the staff has called the person and confirmed (a page anyone can post to must not let
    /// anyone inflate a project's figures).
    /// </summary>
    [HttpGet("/projects/{id:long}")]
    public IActionResult Show(long id, string? lang, string? via)
    {
        if (projects.Find(id) is not { } project) return NotFound();
        var link = via is null ? null : messages.Find(via);
        if (link is not null && !campaignProjects.Names(link.CampaignId, id)) link = null;
        var language = Languages.IsKnown(lang) ? lang! : link?.Language;
        if (language is not null) UiLanguage.Set(HttpContext, language);
        // A page that carries someone's link is theirs alone: never indexed. Both forms carry an anti-forgery token, so
        // the page is never stored by a cache either (the framework marks it no-store).
        if (link is not null) Response.Headers["X-Robots-Tag"] = "noindex";
        return PublicPage(project, link is null ? null : GiveForm(link, project), link is null ? NewOffer(project, new OfferForm(), []) : null);
    }

    /// <summary>
    /// An offer from a visitor without a link: stored apart, awaiting staff, counted in no total. Every refusal is shown
    /// at once beside its field; a filled-in trap field (robots) is answered as a success and stores nothing; past
    /// <see cref="OfferLimit"/> for the client's address the page answers 429 and says when to try again.
    /// </summary>
    [HttpPost("/projects/{id:long}/offer"), Consumes("application/x-www-form-urlencoded", "multipart/form-data"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Offer(long id, [FromForm] OfferForm form, string? lang)
    {
        if (projects.Find(id) is not { } project) return NotFound();
        if (Languages.IsKnown(lang)) UiLanguage.Set(HttpContext, lang!);
        var language = UiLanguage.Of(HttpContext);
        Response.Headers["X-Robots-Tag"] = "noindex";
        if (form.IsRobot)
            return offerLimit.Refusal(ClientAddress) is { } robotWait ? Limited(project, form, robotWait) : View("OfferThanks", OfferThanks(project, null));
        var read = offerReader.Read(form, id, language);
        if (read.Offer is not { } offer)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return PublicPage(project, null, NewOffer(project, form, read.Errors));
        }
        if (offerLimit.Refusal(ClientAddress) is { } wait) return Limited(project, form, wait);
        var now = clock.GetUtcNow();
        var amountUsd = offer.Pledge.Kind == "money" ? rates.ToUsd(offer.Pledge.Amount!.Value, offer.Pledge.Currency!, now) : null;
        var offerId = await offers.AddAsync(offer, amountUsd, now);
        return View("OfferThanks", OfferThanks(project, new OfferReadBack(offerId, offer, now)));
    }

    private string ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private ViewResult Limited(ProjectRow project, OfferForm form, TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return PublicPage(project, null, NewOffer(project, form, [new("limit", "offer.error.limit")]) with { LimitMinutes = minutes });
    }

    private ViewResult PublicPage(ProjectRow project, Responses.PledgeFormView? give, OfferFormView? offer)
    {
        var progress = projects.Progress(project.Id);
        return View("Public", new ProjectPage(project, progress, rates.UsdToKgs(progress.FulfilledUsd, clock.GetUtcNow()),
            projects.Updates(project.Id), projects.ConsentingDonors(project.Id), give, offer));
    }

    private OfferFormView NewOffer(ProjectRow project, OfferForm form, IReadOnlyList<FieldError> errors) =>
        new(project.Id, form, errors, rates.Currencies(), "USD");

    private OfferThanksPage OfferThanks(ProjectRow project, OfferReadBack? offer) =>
        new(project, modules.Find(project.ModuleId)?.Issuer.Name, offer);

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
        FileHeaders();
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(file.IsImage ? "inline" : "attachment");
        disposition.SetHttpFileName(file.OriginalName);
        Response.Headers.ContentDisposition = disposition.ToString();
        return PhysicalFile(path, file.ContentType);
    }

    /// <summary>A photo's small copy, as pages show it; 404 for a document.</summary>
    [HttpGet("/projects/{id:long}/files/{fileId:long}/thumbnail")]
    public IActionResult Thumbnail(long id, long fileId)
    {
        if (projects.FindFile(id, fileId) is not { IsImage: true } file || files.ThumbnailOf(file.StoredName) is not { } path) return NotFound();
        FileHeaders();
        Response.Headers.ContentDisposition = "inline";
        return PhysicalFile(path, "image/jpeg");
    }

    private void FileHeaders()
    {
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        Response.Headers.CacheControl = "public, max-age=86400";
    }
}
