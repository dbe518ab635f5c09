using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Pledges.Mine;

/// <summary>
/// The person pauses, resumes or stops one of their monthly pledges from their page (<c>/me/{token}</c>). A form post
/// (the page's buttons, no script) carries the page's anti-forgery token and is redirected back to the pledge; a JSON
/// post is answered with the pledge's new state. The token in the path is the key: a pledge that is not
/// the person's, or a link that opens nobody, gets the same neutral 404 as an unknown link.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class StandingController(
    MyPageGate gate, Standing standing, UiText texts) : Controller
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Multipart = "multipart/form-data";

    [HttpPost("/me/{token}/pledges/{id:long}/pause"), Consumes(Form, Multipart), ValidateAntiForgeryToken]
    public IActionResult PauseForm(string token, long id, string? lang) => SteerForm(token, id, SteerAction.Pause, lang);

    [HttpPost("/me/{token}/pledges/{id:long}/resume"), Consumes(Form, Multipart), ValidateAntiForgeryToken]
    public IActionResult ResumeForm(string token, long id, string? lang) => SteerForm(token, id, SteerAction.Resume, lang);

    [HttpPost("/me/{token}/pledges/{id:long}/stop"), Consumes(Form, Multipart), ValidateAntiForgeryToken]
    public IActionResult StopForm(string token, long id, string? lang) => SteerForm(token, id, SteerAction.Stop, lang);

    // The token in the path is the caller's capability; a JSON client (an app, a chatbot) carries no anti-forgery cookie.
    [HttpPost("/me/{token}/pledges/{id:long}/pause"), Consumes("application/json"), IgnoreAntiforgeryToken]
    public IActionResult PauseJson(string token, long id) => SteerJson(token, id, SteerAction.Pause);

    [HttpPost("/me/{token}/pledges/{id:long}/resume"), Consumes("application/json"), IgnoreAntiforgeryToken]
    public IActionResult ResumeJson(string token, long id) => SteerJson(token, id, SteerAction.Resume);

    [HttpPost("/me/{token}/pledges/{id:long}/stop"), Consumes("application/json"), IgnoreAntiforgeryToken]
    public IActionResult StopJson(string token, long id) => SteerJson(token, id, SteerAction.Stop);

    private IActionResult SteerForm(string token, long id, SteerAction action, string? lang)
    {
        if (gate.Open(HttpContext, token) is not { } person) return MyPageGate.Refused(this);
        MyPageGate.Language(HttpContext, person, lang);
        var outcome = standing.Steer(person.CompatriotId, id, action);
        return outcome.Result switch
        {
            SteerResult.NotFound => MyPageGate.Refused(this),
            SteerResult.Refused => Refused(outcome, token),
            _ => Redirect($"/me/{Uri.EscapeDataString(token)}" + (Languages.IsKnown(lang) ? $"?lang={lang}" : "") + $"#pledge-{id}"),
        };
    }

    private IActionResult SteerJson(string token, long id, SteerAction action)
    {
        if (gate.Open(HttpContext, token) is not { } person) return MyPageGate.RefusedJson(HttpContext);
        var outcome = standing.Steer(person.CompatriotId, id, action);
        return outcome.Result switch
        {
            SteerResult.NotFound => MyPageGate.RefusedJson(HttpContext),
            SteerResult.Refused => Problems.Conflict(texts.Get("en", outcome.RefusalKey!)),
            _ => Ok(Describe(outcome.Pledge!)),
        };
    }

    /// <summary>The pledge's state as the JSON answer gives it: never the token, never the person.</summary>
    private static object Describe(PledgeRow p) => new
    {
        id = p.Id, recurring = p.Recurring, status = p.Status, standing = Standing.StateOf(p), changedBy = p.StandingBy, changedAt = p.StandingAt,
    };

    /// <summary>A change not allowed, said in the page's language with the way back to the pledge.</summary>
    private ViewResult Refused(SteerOutcome outcome, string token)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("/Features/Pledges/Views/Mine/SteerRefused.cshtml", new SteerRefusal(token, outcome.Pledge!.Id, outcome.RefusalKey!));
    }
}

/// <summary>A form's change that is not allowed, said in the person's language with the way back to the pledge.</summary>
internal sealed record SteerRefusal(string Token, long PledgeId, string ReasonKey);
