using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>
/// The pages a compatriot opens from a message: the appeal with a pledge form, the thank-you page and
/// unsubscribe. No account: the unguessable token in the link is the only key, and it opens only
/// that one message.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class PublicController(
    TrackedMessages messages, ModuleRegistry modules, MessageComposer composer, TemplateStore templates,
    TemplateRenderer renderer, PledgeRecorder recorder, ICampaignProjects projects, Rates rates, TimeProvider clock) : Controller
{
    [HttpGet("/r/{token}")]
    public IActionResult Landing(string token, string? lang)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        messages.RecordClick(message.Id);
        return LandingView(message, lang, new PledgeInput(), error: null);
    }

    [HttpPost("/r/{token}/pledge"), Consumes("application/x-www-form-urlencoded", "multipart/form-data"), ValidateAntiForgeryToken]
    public async Task<IActionResult> PledgeForm(string token, [FromForm] PledgeInput input, string? lang)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        // The language goes into the thank-you address (a Location header), so it is checked before anything is saved.
        var problem = lang is not null && !Languages.IsKnown(lang) ? ("lang", "use ky, ru or en") : LinkPledgeRules.Problem(input, rates, projects, message.CampaignId);
        if (problem is { } p)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return LandingView(message, lang, input, p);
        }
        var recorded = await recorder.RecordThroughLinkAsync(message.CompatriotId, input, new PledgeOrigin("self", null, message.CampaignId, message.Id), message.Person);
        if (recorded.Id is not { } id)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = LinkPledgeRules.SecondsToNextDay(clock.GetUtcNow()).ToString(CultureInfo.InvariantCulture);
            return LandingView(message, lang, input, ("limit", "daily bound"));
        }
        // A large pledge waits for the organisers: the thank-you page says so.
        var review = recorded.Status == PledgeStatus.AwaitingConfirmation ? "&review=1" : "";
        return Redirect($"/r/{Uri.EscapeDataString(token)}/thanks?pledge={id.ToString(CultureInfo.InvariantCulture)}{review}" + (lang is null ? "" : $"&lang={lang}"));
    }

    // The JSON body of the same address (apps, chatbots) is answered by PledgeJsonEndpoint.

    [HttpGet("/r/{token}/thanks")]
    public IActionResult Thanks(string token, string? lang, bool review = false)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        UiLanguage.Set(HttpContext, Languages.IsKnown(lang) ? lang! : message.Language);
        var module = modules.Find(message.ModuleId);
        return View(new ThanksPage(message, module, review) { Title = message.Title.For(UiLanguage.Of(HttpContext), module?.Languages) });
    }

    [HttpGet("/u/{token}")]
    public IActionResult Unsubscribe(string token, string? lang)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        UiLanguage.Set(HttpContext, Languages.IsKnown(lang) ? lang! : message.Language);
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
        UiLanguage.Set(HttpContext, Languages.IsKnown(lang) ? lang! : message.Language);
        return View("Unsubscribe", new UnsubscribePage(message, OptedOut: true, Sender(message), all) { Title = Title(message) });
    }

    /// <summary>Who the person is leaving: the administration whose module wrote to them, in the page's language.</summary>
    private string? Sender(TrackedMessage message) => modules.Find(message.ModuleId)?.Issuer.Name.In(UiLanguage.Of(HttpContext));

    /// <summary>The campaign's public title in the page's language.</summary>
    private string Title(TrackedMessage message) => message.Title.For(UiLanguage.Of(HttpContext), modules.Find(message.ModuleId)?.Languages);

    private ViewResult LandingView(TrackedMessage message, string? lang, PledgeInput input, (string Field, string Message)? error)
    {
        var language = Languages.IsKnown(lang) ? lang! : message.Language;
        UiLanguage.Set(HttpContext, language);
        var module = modules.Find(message.ModuleId);
        var paragraphs = module is null ? [] : AppealParagraphs(message, module, language);
        return View("Landing", new LandingPage(message, module, language, paragraphs, input, error, rates.Currencies(),
            Countries.Find(message.Country)?.Currency ?? "USD") { Title = message.Title.For(language, module?.Languages) });
    }

    private IReadOnlyList<string> AppealParagraphs(TrackedMessage message, Core.Modules.ModuleManifest module, string language)
    {
        var recipient = new RecipientRow(message.CompatriotId, message.FullName, language, message.Country, message.City, null, null, null);
        var source = templates.Find(module.Id, module.Languages, message.Template, language, "page")
                     ?? templates.Find(module.Id, module.Languages, message.Template, language, "text");
        if (source is null) return [];
        var model = composer.Model(module, message.CampaignId, message.Title, recipient, message.Token);
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

public sealed record LandingPage(
    TrackedMessage Message, Core.Modules.ModuleManifest? Module, string Language, IReadOnlyList<string> Paragraphs,
    PledgeInput Input, (string Field, string Message)? Error, IReadOnlyList<string> Currencies, string DefaultCurrency)
{
    /// <summary>The campaign's public title in the page's language (heading and <c>&lt;title&gt;</c>).</summary>
    public required string Title { get; init; }
}

/// <param name="AwaitsConfirmation">The pledge was large enough to wait for the organisers' confirmation.</param>
public sealed record ThanksPage(TrackedMessage Message, Core.Modules.ModuleManifest? Module, bool AwaitsConfirmation = false)
{
    public required string Title { get; init; }
}

public sealed record UnsubscribePage(TrackedMessage Message, bool OptedOut, string? Sender, bool AllChannels)
{
    /// <summary>What the person was written about: the campaign's public title in the page's language.</summary>
    public required string Title { get; init; }
}
