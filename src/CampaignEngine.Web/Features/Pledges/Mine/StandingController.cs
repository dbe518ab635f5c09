using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Pledges.Mine;

/// <summary>
/// The person pauses, resumes or stops one of their monthly pledges from their page (<c>/me/{token}</c>). A form post
/// (the page's buttons, no script) carries the page's anti-forgery token and is redirected back to the pledge; any
/// other post is answered in JSON with the pledge's new state. The token in the path is the key: a pledge that is not
/// the person's, or a link that opens nobody, gets the same neutral 404 as an unknown link.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy), IgnoreAntiforgeryToken]
internal sealed class StandingController(
    PersonalLinks links, SelfPreferences people, MyPageLimit limit, Standing standing, IAntiforgery antiforgery, UiText texts) : Controller
{
    [HttpPost("/me/{token}/pledges/{id:long}/pause")]
    public Task<IActionResult> Pause(string token, long id, string? lang) => SteerAsync(token, id, SteerAction.Pause, lang);

    [HttpPost("/me/{token}/pledges/{id:long}/resume")]
    public Task<IActionResult> Resume(string token, long id, string? lang) => SteerAsync(token, id, SteerAction.Resume, lang);

    [HttpPost("/me/{token}/pledges/{id:long}/stop")]
    public Task<IActionResult> Stop(string token, long id, string? lang) => SteerAsync(token, id, SteerAction.Stop, lang);

    private async Task<IActionResult> SteerAsync(string token, long id, SteerAction action, string? lang)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var form = Request.HasFormContentType;
        // The JSON way has no cookie to forge with: the token in the path is its only key (as for the preferences' JSON).
        if (form && !await antiforgery.IsRequestValidAsync(HttpContext)) return BadRequest();
        if (limit.Refusal(token) is { } wait)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return form ? NeutralPage(StatusCodes.Status429TooManyRequests) : Problems.TooMany("Too many requests for this link; try again later.");
        }
        var outcome = links.PersonOf(token) is { } person ? standing.Steer(person, id, action) : new SteerOutcome(SteerResult.NotFound);
        return (outcome.Result, form) switch
        {
            (SteerResult.NotFound, true) => NeutralPage(StatusCodes.Status404NotFound),
            (SteerResult.NotFound, false) => Problems.NotFound("This link or pledge is not valid."),
            (SteerResult.Refused, true) => Refused(outcome, PageLanguage(lang, outcome.Pledge!.CompatriotId), token),
            (SteerResult.Refused, false) => Problems.Conflict(texts.Get("en", outcome.RefusalKey!)),
            (_, true) => Redirect($"/me/{Uri.EscapeDataString(token)}" + (Languages.IsKnown(lang) ? $"?lang={lang}" : "") + $"#pledge-{id}"),
            _ => Ok(Describe(outcome.Pledge!)),
        };
    }

    /// <summary>The pledge's state as the JSON answer gives it: never the token, never the person.</summary>
    private static object Describe(PledgeRow p) => new
    {
        id = p.Id, recurring = p.Recurring, status = p.Status, standing = Standing.StateOf(p), changedBy = p.StandingBy, changedAt = p.StandingAt,
    };

    private string PageLanguage(string? lang, long person) => Languages.IsKnown(lang) ? lang! : people.Read(person)?.Language ?? "ky";

    private ViewResult Refused(SteerOutcome outcome, string language, string token)
    {
        UiLanguage.Set(HttpContext, language);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("/Features/Pledges/Views/Mine/SteerRefused.cshtml", new SteerRefusal(token, outcome.Pledge!.Id, outcome.RefusalKey!));
    }

    private ViewResult NeutralPage(int status)
    {
        Response.StatusCode = status;
        return View("/Features/MyPage/Views/LinkNotFound.cshtml");
    }
}

/// <summary>A form's change that is not allowed, said in the person's language with the way back to the pledge.</summary>
internal sealed record SteerRefusal(string Token, long PledgeId, string ReasonKey);
