using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Projects;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// The pages a compatriot opens from a message: the appeal with a pledge form, the thank-you page and
/// unsubscribe. No account: the unguessable token in the link is the only key, and it opens only
/// that one message.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class PublicController(
    TrackedMessages messages, ModuleRegistry modules, MessageModelBuilder models, TemplateStore templates, TemplateRenderer renderer,
    PledgeRecorder recorder, PledgeFormReader reader, PledgeStore pledges, ICampaignProjects projects, ProjectStore projectStore,
    Rates rates, IOptions<PledgeOptions> pledgeOptions, Compatriots.Self.PersonalLinks personalLinks, TimeProvider clock) : Controller
{
    /// <summary>The appeal; <paramref name="project"/> preselects one of the campaign's projects (the project page's "give" comes back here).</summary>
    [HttpGet("/r/{token}")]
    public IActionResult Landing(string token, string? lang, long? project)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        // A messenger drawing the link's preview: the appeal's title, nothing of the person, and no click counted.
        if (LinkPreviewers.Fetched(Request)) return Preview(message, lang);
        messages.RecordClick(message.Id);
        // An answer's link opens the conversation it answers, not an appeal.
        if (message.Template == Desk.AnswerDelivery.Template)
            return Redirect($"/r/{Uri.EscapeDataString(token)}/questions" + (Languages.IsKnown(lang) ? $"?lang={lang}" : ""));
        return LandingView(message, lang, new PledgeForm { ProjectId = project?.ToString(CultureInfo.InvariantCulture) }, []);
    }

    [HttpPost("/r/{token}/pledge"), Consumes("application/x-www-form-urlencoded", "multipart/form-data"), ValidateAntiForgeryToken]
    public async Task<IActionResult> PledgeForm(string token, [FromForm] PledgeForm form, string? lang)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        // The language goes into the thank-you address (a Location header), so it is checked before anything is saved.
        if (lang is not null && !Languages.IsKnown(lang)) return Refused(message, null, form, [new("lang", "pub.error.lang")]);
        var language = lang ?? message.Language;
        var read = reader.Read(form, language);
        var errors = read.Errors.ToList();
        if (read.Input is { } checkedInput && LinkPledgeRules.Problem(checkedInput, rates, projects, message.CampaignId) is { } p)
            errors.Add(new(p.Field, $"pub.error.{p.Field}"));
        if (errors.Count > 0) return Refused(message, lang, form, errors);
        var recorded = await recorder.RecordThroughLinkAsync(message.CompatriotId, read.Input!, new PledgeOrigin("self", null, message.CampaignId, message.Id), message.Person);
        if (recorded.Id is not { } id)
        {
            Response.Headers.RetryAfter = LinkPledgeRules.SecondsToNextDay(clock.GetUtcNow()).ToString(CultureInfo.InvariantCulture);
            return Refused(message, lang, form, [new("limit", "pub.error.limit")], StatusCodes.Status429TooManyRequests);
        }
        return Redirect($"/r/{Uri.EscapeDataString(token)}/thanks?pledge={id.ToString(CultureInfo.InvariantCulture)}" + (lang is null ? "" : $"&lang={lang}"));
    }

    // The JSON body of the same address (apps, chatbots) is answered by PledgeJsonEndpoint.

    /// <summary>Thanks, repeating what was pledged (only a pledge made through this very link) and what happens next.</summary>
    [HttpGet("/r/{token}/thanks")]
    public IActionResult Thanks(string token, string? lang, long? pledge)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        UiLanguage.ForPerson(HttpContext, lang, message.Language);
        var module = modules.Find(message.ModuleId);
        var pledged = pledge is { } id ? pledges.ThroughLink(message.Id, id).Select(Pledged).FirstOrDefault() : null;
        return View(new ThanksPage(message, module, pledged) { Title = Title(message), MeToken = personalLinks.Ensure(message.CompatriotId) });
    }

    [HttpGet("/u/{token}")]
    public IActionResult Unsubscribe(string token, string? lang)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        UiLanguage.ForPerson(HttpContext, lang, message.Language);
        return View(new UnsubscribePage(message, messages.IsOptedOut(message), Sender(message), AllChannels: false) { Title = Title(message) });
    }

    // RFC 8058 one-click unsubscribe: mail clients POST here with no cookie and no form token.
    [HttpPost("/u/{token}"), IgnoreAntiforgeryToken]
    public IActionResult UnsubscribeConfirm(string token, string? lang, [FromForm] bool all)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        // A mail client's one-click POST stops this channel; the page also offers every channel at once.
        if (all) messages.OptOutEverywhere(message, "unsubscribe-link");
        else messages.OptOut(message, "unsubscribe-link");
        UiLanguage.ForPerson(HttpContext, lang, message.Language);
        return View("Unsubscribe", new UnsubscribePage(message, OptedOut: true, Sender(message), all) { Title = Title(message) });
    }

    /// <summary>Who the person is leaving: the administration whose module wrote to them, in the page's language.</summary>
    private string? Sender(TrackedMessage message) => modules.Find(message.ModuleId)?.Issuer.Name.In(UiLanguage.Of(HttpContext));

    /// <summary>The campaign's public title in the page's language.</summary>
    private string Title(TrackedMessage message) => message.Title.For(UiLanguage.Of(HttpContext), modules.Find(message.ModuleId)?.Languages);

    private ViewResult Refused(TrackedMessage message, string? lang, PledgeForm form, IReadOnlyList<FieldError> errors, int status = StatusCodes.Status400BadRequest)
    {
        Response.StatusCode = status;
        return LandingView(message, lang, form, errors);
    }

    private ViewResult Preview(TrackedMessage message, string? lang)
    {
        UiLanguage.ForPerson(HttpContext, lang, message.Language);
        return View(LinkPreviewPage.View, new LinkPreviewPage(Title(message)));
    }

    private ViewResult LandingView(TrackedMessage message, string? lang, PledgeForm form, IReadOnlyList<FieldError> errors)
    {
        var language = UiLanguage.ForPerson(HttpContext, lang, message.Language);
        var module = modules.Find(message.ModuleId);
        // Read once: the form offers them, and the appeal speaks of the first.
        var rows = projects.Of(message.CampaignId).Select(id => projectStore.Find(id)).OfType<ProjectRow>().ToList();
        var paragraphs = module is null ? [] : AppealParagraphs(message, module, language, Campaigns.CampaignProjects.CauseAmong(rows));
        var campaignProjects = rows.Select(p => new ProjectChoice(p.Id, p.Title.In(language))).ToList();
        // A campaign for one project collects for it; with several, the person chooses (or gives to the appeal as a whole).
        if (campaignProjects.Count == 1 && form.ProjectId is null && errors.Count == 0) form.ProjectId = campaignProjects[0].Id.ToString(CultureInfo.InvariantCulture);
        var fields = new PledgeFormView(message.Token, form, errors, rates.Currencies(), Countries.Find(message.Country)?.Currency ?? "USD", campaignProjects);
        var earlier = pledges.ThroughLink(message.Id).Select(Pledged).ToList();
        var mayPledgeToday = pledges.LinkPledgesOn(message.Id, clock.GetUtcNow()) < pledgeOptions.Value.PerLinkPerDay;
        return View("Landing", new LandingPage(message, module, language, paragraphs, fields, earlier, mayPledgeToday)
        {
            Title = message.Title.For(language, module?.Languages),
            MeToken = personalLinks.Ensure(message.CompatriotId),
        });
    }

    private PledgedItem Pledged(PledgeRow row) =>
        new(row.Id, row.Kind, row.Amount, row.Currency, row.Hours, row.ContributionType, row.Description,
            row.ProjectId is { } id ? projectStore.Find(id)?.Title : null, row.Status, row.CreatedAt);

    private IReadOnlyList<string> AppealParagraphs(TrackedMessage message, Core.Modules.ModuleManifest module, string language, Core.Modules.AppealCause? cause)
    {
        var source = templates.Find(module.Id, module.Languages, message.Template, language, PartFallback.Page);
        if (source is null) return [];
        var model = models.Message(module, message.CampaignId, message.Title.For(language, module.Languages),
            new MessageReader(message.FullName, language, message.Country, message.City), message.Token, project: cause);
        // Rendered as plain text and split into paragraphs; Razor encodes them, so template text cannot inject markup.
        var text = renderer.Render(templates.Parse(source), model, html: false);
        return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private ViewResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("LinkNotFound");
    }
}

/// <param name="Earlier">What was already pledged through this link: a second visit shows it rather than a blank form.</param>
/// <param name="MayPledgeToday">Whether the link is still under its daily bound, so the form ("pledge again") is offered.</param>
internal sealed record LandingPage(
    TrackedMessage Message, Core.Modules.ModuleManifest? Module, string Language, IReadOnlyList<string> Paragraphs,
    PledgeFormView Form, IReadOnlyList<PledgedItem> Earlier, bool MayPledgeToday)
{
    /// <summary>The campaign's public title in the page's language (heading and <c>&lt;title&gt;</c>).</summary>
    public required string Title { get; init; }

    /// <summary>The person's own page (<c>/me/{token}</c>), linked at the foot; null for an erased person.</summary>
    public string? MeToken { get; init; }
}

/// <summary>The pledge form's fields as a page shows them: the link page, and the project page for a visitor who came from their link.</summary>
/// <param name="ProjectFixed">The form gives to its one project (on that project's page): no choice is shown.</param>
internal sealed record PledgeFormView(
    string Token, PledgeForm Form, IReadOnlyList<FieldError> Errors, IReadOnlyList<string> Currencies, string DefaultCurrency,
    IReadOnlyList<ProjectChoice> Projects, bool ProjectFixed = false)
{
    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Key;
}

internal sealed record ProjectChoice(long Id, string Title);

/// <summary>A pledge as its maker reads it back: what, for which project, when, and where it stands.</summary>
internal sealed record PledgedItem(
    long Id, string Kind, decimal? Amount, string? Currency, decimal? Hours, string? ContributionType, string? Description,
    LocalizedText? Project, string Status, DateTimeOffset CreatedAt);

/// <param name="Pledged">The pledge just made through this link; null when the address names none of its pledges.</param>
internal sealed record ThanksPage(TrackedMessage Message, Core.Modules.ModuleManifest? Module, PledgedItem? Pledged)
{
    public bool AwaitsConfirmation => Pledged?.Status == PledgeStatus.AwaitingConfirmation;

    public required string Title { get; init; }

    /// <summary>The person's own page (<c>/me/{token}</c>); null for an erased person.</summary>
    public string? MeToken { get; init; }
}

internal sealed record UnsubscribePage(TrackedMessage Message, bool OptedOut, string? Sender, bool AllChannels)
{
    /// <summary>What the person was written about: the campaign's public title in the page's language.</summary>
    public required string Title { get; init; }
}
