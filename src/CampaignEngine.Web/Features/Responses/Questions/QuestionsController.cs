using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using CampaignEngine.Web.ModuleHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Responses.Questions;

/// <summary>What a question asked through the landing page's form or JSON carries.</summary>
internal sealed record AskInput(string? Text);

/// <summary>
/// The person's side of the desk, behind their link: "Ask the administration" (form or JSON) puts a question in the
/// desk through its one intake, and <c>/r/{token}/questions</c> shows their questions with every answer — never staff's
/// notes, events or names. The token opens only its own person's threads.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class QuestionsController(TrackedMessages messages, DeskIntake intake, AskLimit limit, PersonQuestions questions, ModuleRegistry modules,
    TimeProvider clock) : Controller
{
    public const int MaxText = 4000;

    [HttpPost("/r/{token}/ask"), Consumes("application/x-www-form-urlencoded", "multipart/form-data"), ValidateAntiForgeryToken]
    public IActionResult AskForm(string token, [FromForm] AskInput form, string? lang)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        var language = SetLanguage(message, lang);
        if (Problem(form.Text) is { } problem) return AskPage(message, form.Text, problem, StatusCodes.Status400BadRequest);
        if (limit.Refusal(token, ClientAddress) is { } wait)
        {
            RetryAfter(wait);
            return AskPage(message, form.Text, "pub.ask.error.limit", StatusCodes.Status429TooManyRequests);
        }
        var received = Ask(message, form.Text!);
        return Redirect($"/r/{Uri.EscapeDataString(token)}/questions?lang={language}&asked={received.ThreadId.ToString(CultureInfo.InvariantCulture)}");
    }

    // The token in the path is the caller's capability; a JSON client (an app, a chatbot) carries no anti-forgery cookie.
    [HttpPost("/r/{token}/ask"), Consumes("application/json"), IgnoreAntiforgeryToken]
    public IActionResult AskJson(string token, [FromBody] AskInput? input)
    {
        if (messages.Find(token) is not { } message) return Problems.NotFound("This link is not valid.");
        if (!ModelState.IsValid || input is null) return Problems.FromModelState(ControllerContext);
        if (Problem(input.Text) is not null) return Problems.Invalid("text", $"write the question: from 1 to {MaxText} characters");
        if (limit.Refusal(token, ClientAddress) is { } wait)
        {
            RetryAfter(wait);
            return Problems.TooMany($"Too many questions from this link or address; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minutes.");
        }
        var received = Ask(message, input.Text!);
        return StatusCode(StatusCodes.Status201Created, new { id = received.ThreadId, messageId = received.MessageId });
    }

    [HttpGet("/r/{token}/questions")]
    public IActionResult Questions(string token, string? lang, long? asked)
    {
        if (messages.Find(token) is not { } message) return NotFoundPage();
        SetLanguage(message, lang);
        Response.Headers["X-Robots-Tag"] = "noindex";
        // A messenger drawing the link's preview (an answer's message links here) reads no question and no answer.
        if (LinkPreviewers.Fetched(Request)) return View(LinkPreviewPage.View, new LinkPreviewPage(null, "pub.questions.title"));
        var threads = questions.Of(message.CompatriotId);
        return View("Questions", new QuestionsPage(message, Issuer(message), threads, threads.Any(t => t.Id == asked), AskFormView.ForMessage(message.Token)));
    }

    /// <summary>The question goes to the desk as the person's own, linked to the message and campaign of the link, and opens a thread.</summary>
    private DeskIntake.Received Ask(TrackedMessage message, string text) =>
        intake.Receive(new InboundItem("web", text.Trim(), clock.GetUtcNow()) { CompatriotId = message.CompatriotId, MessageId = message.Id, OpensThread = true, Sender = message.Sender })!;

    /// <summary>The key of what is wrong with the text; null when it may be asked.</summary>
    private static string? Problem(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "pub.ask.error.empty" : text.Trim().Length > MaxText ? "pub.ask.error.long" : null;

    private ViewResult AskPage(TrackedMessage message, string? text, string error, int status)
    {
        Response.StatusCode = status;
        return View("Ask", new AskPageModel(message, Issuer(message), AskFormView.ForMessage(message.Token, text, error)));
    }

    private string SetLanguage(TrackedMessage message, string? lang) => UiLanguage.ForPerson(HttpContext, lang, message.Language);

    private string? Issuer(TrackedMessage message) => modules.Find(message.ModuleId)?.Issuer.Name.In(UiLanguage.Of(HttpContext));

    private string ClientAddress => HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private void RetryAfter(TimeSpan wait) =>
        Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private ViewResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("LinkNotFound");
    }
}

/// <summary>
/// The ask form as a page shows it: the landing page, the questions page, the person's own page, or alone with its error.
/// <paramref name="Action"/> is where it posts; <paramref name="HintKey"/> says where the answer will come.
/// </summary>
internal sealed record AskFormView(string Action, string? Text, string? Error, string HintKey = "pub.ask.hint")
{
    /// <summary>The form behind a message's link: the answer comes the way that message came.</summary>
    public static AskFormView ForMessage(string token, string? text = null, string? error = null) => new($"/r/{token}/ask", text, error);
}

/// <summary>The person's threads and the name their answers are signed with (the issuer of the link's module, or "the administration").</summary>
internal sealed record QuestionThreadsView(IReadOnlyList<QuestionThread> Threads, string Administration);

internal sealed record AskPageModel(TrackedMessage Message, string? Issuer, AskFormView Form);

/// <param name="JustAsked">The person comes from asking: the page thanks them and says what happens next.</param>
internal sealed record QuestionsPage(TrackedMessage Message, string? Issuer, IReadOnlyList<QuestionThread> Threads, bool JustAsked, AskFormView Form);
