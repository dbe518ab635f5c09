using System.Globalization;
using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Responses.Questions;

/// <summary>A question asked from the person's own page that came back with its refusal.</summary>
internal sealed record MyAskPage(string Token, AskFormView Form);

/// <summary>
/// <c>POST /me/{token}/ask</c>: a question from the person's own page (form, then back to the page; or JSON, 201), into
/// the desk through its one intake as the person's own, with no message to answer (the desk answers on the person's
/// channel). Limited like the question form behind a message's link, keyed by the link's hash.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class MyQuestionsController(MyPageGate gate, DeskIntake intake, AskLimit limit, TimeProvider clock) : Controller
{
    public static AskFormView Form(string token, string? text = null, string? error = null) =>
        new($"/me/{token}/ask", text, error, "me.ask.hint");

    [HttpPost("/me/{token}/ask"), Consumes("application/x-www-form-urlencoded", "multipart/form-data"), ValidateAntiForgeryToken]
    public IActionResult AskForm(string token, [FromForm] AskInput form, string? lang)
    {
        if (gate.Open(HttpContext, token) is not { } person) return Refused();
        var language = MyPageGate.Language(HttpContext, person, lang);
        if (Problem(form.Text) is { } problem) return AskPage(token, form.Text, problem, StatusCodes.Status400BadRequest);
        if (limit.Refusal(MyPageLimit.KeyOf(token), ClientAddress) is { } wait)
        {
            RetryAfter(wait);
            return AskPage(token, form.Text, "pub.ask.error.limit", StatusCodes.Status429TooManyRequests);
        }
        Ask(person.CompatriotId, form.Text!);
        return Redirect(MyPageGate.PageAddress(token, language, MyQuestionsSection.Asked, "questions"));
    }

    // The token in the path is the caller's capability; a JSON client (an app, a chatbot) carries no anti-forgery cookie.
    [HttpPost("/me/{token}/ask"), Consumes("application/json"), IgnoreAntiforgeryToken]
    public IActionResult AskJson(string token, [FromBody] AskInput? input)
    {
        if (gate.Open(HttpContext, token) is not { } person)
            return MyPageGate.RefusedJson(HttpContext);
        if (!ModelState.IsValid || input is null) return Problems.FromModelState(ControllerContext);
        if (Problem(input.Text) is not null) return Problems.Invalid("text", $"write the question: from 1 to {QuestionsController.MaxText} characters");
        if (limit.Refusal(MyPageLimit.KeyOf(token), ClientAddress) is { } wait)
        {
            RetryAfter(wait);
            return Problems.TooMany($"Too many questions from this link or address; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minutes.");
        }
        var received = Ask(person.CompatriotId, input.Text!);
        return StatusCode(StatusCodes.Status201Created, new { id = received.ThreadId, messageId = received.MessageId });
    }

    /// <summary>The question opens a thread of the person's own; the desk picks the module of their home region.</summary>
    private DeskIntake.Received Ask(long compatriotId, string text) =>
        intake.Receive(new InboundItem("web", text.Trim(), clock.GetUtcNow()) { CompatriotId = compatriotId, OpensThread = true })!;

    /// <summary>The key of what is wrong with the text; null when it may be asked.</summary>
    private static string? Problem(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "pub.ask.error.empty" : text.Trim().Length > QuestionsController.MaxText ? "pub.ask.error.long" : null;

    private ViewResult AskPage(string token, string? text, string error, int status)
    {
        Response.StatusCode = status;
        return View("MyAsk", new MyAskPage(token, Form(token, text, error)));
    }

    private string ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private void RetryAfter(TimeSpan wait) =>
        Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private ViewResult Refused() => MyPageGate.Refused(this);
}
