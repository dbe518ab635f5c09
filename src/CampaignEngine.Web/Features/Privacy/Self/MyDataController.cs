using System.Globalization;
using System.Text.Json;
using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Features.Privacy.Requests;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Privacy.Self;

/// <summary>The erasure form: the person ticks that they understand before the request is recorded.</summary>
internal sealed class EraseForm
{
    public bool Confirm { get; set; }
}

/// <summary><c>POST /me/{token}/erase</c> as JSON: <c>{"confirm": true}</c>, so a request is never made by accident.</summary>
internal sealed record EraseInput(bool? Confirm);

/// <summary>The confirmation step of the erasure request, with its refusal beside the box when it was not ticked.</summary>
internal sealed record EraseConfirmPage(string Token, int Days, string? Error);

/// <summary>
/// The person's rights over their data, behind their own link: download everything held about them (the staff export's
/// content, as <see cref="PersonalData.ExportToPerson"/> gives it, never a token), and ask to be erased (a confirmation
/// step, then a request staff confirm or refuse by a deadline). Both audited by id; the download is limited per link.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class MyDataController(MyPageGate gate, PersonalData personalData, ErasureRequests requests, MyDataLimit exportLimit, AuditLog audit,
    IOptions<JsonOptions> json, TimeProvider clock) : Controller
{
    [HttpGet("/me/{token}/export")]
    public IActionResult Export(string token)
    {
        if (gate.Open(HttpContext, token) is not { } person) return Refused();
        if (exportLimit.Refusal(token) is { } wait)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problems.TooMany("This link has downloaded its data too often; try again later.");
        }
        var export = personalData.ExportToPerson(person.CompatriotId);
        audit.Append(null, "anonymous", "me.export", $"compatriot/{person.CompatriotId}", null);
        var body = JsonSerializer.SerializeToUtf8Bytes(export, Download(json.Value.JsonSerializerOptions));
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(body, "application/json", $"my-data-{day}.json");
    }

    [HttpGet("/me/{token}/erase")]
    public IActionResult Confirm(string token, string? lang)
    {
        if (gate.Open(HttpContext, token) is not { } person) return Refused();
        MyPageGate.Language(HttpContext, person, lang);
        return View("EraseConfirm", new EraseConfirmPage(token, requests.Days, null));
    }

    [HttpPost("/me/{token}/erase"), Consumes("application/x-www-form-urlencoded", "multipart/form-data"), ValidateAntiForgeryToken]
    public IActionResult EraseForm(string token, [FromForm] EraseForm form, string? lang)
    {
        if (gate.Open(HttpContext, token) is not { } person) return Refused();
        var language = MyPageGate.Language(HttpContext, person, lang);
        if (!form.Confirm)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("EraseConfirm", new EraseConfirmPage(token, requests.Days, "me.erase.error.confirm"));
        }
        Ask(person.CompatriotId);
        return Redirect(MyPageGate.PageAddress(token, language, MyDataSection.Requested, "data"));
    }

    // The token in the path is the caller's capability; a JSON client carries no anti-forgery cookie.
    [HttpPost("/me/{token}/erase"), Consumes("application/json"), IgnoreAntiforgeryToken]
    public IActionResult EraseJson(string token, [FromBody] EraseInput? input)
    {
        if (gate.Open(HttpContext, token) is not { } person)
            return MyPageGate.RefusedJson(HttpContext);
        if (!ModelState.IsValid || input is null) return Problems.FromModelState(ControllerContext);
        if (input.Confirm is not true) return Problems.Invalid("confirm", "must be true: erasure cannot be undone");
        var (request, created) = Ask(person.CompatriotId);
        var body = new { id = request.Id, state = request.State, requestedAt = request.RequestedAt, dueAt = request.DueAt };
        return created ? StatusCode(StatusCodes.Status201Created, body) : Ok(body);
    }

    private static JsonSerializerOptions? _download;

    /// <summary>
    /// The host's JSON options for a file the person reads: indented, and Kyrgyz and Russian written as letters rather than
    /// \u escapes (the file is an attachment, never put into a page, so the HTML-safe escaping buys nothing). Made once.
    /// </summary>
    private static JsonSerializerOptions Download(JsonSerializerOptions host) => _download ??= new(host)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Records the request (or finds the one already open); only a new one is audited.</summary>
    private (ErasureRequest Request, bool Created) Ask(long compatriotId)
    {
        var (request, created) = requests.Ask(compatriotId);
        if (created) audit.Append(null, "anonymous", "me.erase.request", $"erasure-request/{request.Id}", new { compatriot = compatriotId });
        return (request, created);
    }

    private ViewResult Refused() => MyPageGate.Refused(this);
}
