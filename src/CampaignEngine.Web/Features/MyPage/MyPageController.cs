using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>
/// The person's own page behind their own link (<c>/me/{token}</c>): no account, the token is the key. Light, no
/// scripts, in the person's language with a switch. Every token that opens nobody (never made, rotated away, erased)
/// gets the same neutral page by the same path, so a guess learns nothing from the answer.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class MyPageController(
    PersonalLinks links, MyPageGate gate, PreferenceSaver saver, IEnumerable<IMyPageSections> extensions,
    AuditLog audit, TimeProvider clock) : Controller
{
    [HttpGet("/me/{token}")]
    public IActionResult Index(string token, string? lang, bool saved = false, bool rotated = false, string? notice = null)
    {
        if (Open(token) is not { } person) return Refused();
        // A messenger drawing the link's preview reads none of the person's page.
        if (LinkPreviewers.Fetched(Request))
        {
            MyPageGate.Language(HttpContext, person, lang);
            return View(LinkPreviewPage.View, new LinkPreviewPage(null, "me.title"));
        }
        return Page(token, person, lang, null, [], saved, rotated, notice);
    }

    [HttpPost("/me/{token}/preferences"), Consumes("application/x-www-form-urlencoded", "multipart/form-data"), ValidateAntiForgeryToken]
    public IActionResult Preferences(string token, [FromForm] PreferencesForm form, string? lang)
    {
        if (Open(token) is not { } person) return Refused();
        var (change, errors) = PreferenceChange.FromForm(form, person, PersonalToday());
        if (change is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page(token, person, lang, form, errors, saved: false, rotated: false);
        }
        saver.Save(person, change);
        // The page comes back in the language just chosen, unless the reader had switched it by hand.
        var language = Languages.IsKnown(lang) ? lang : change.Language;
        return Redirect($"/me/{Uri.EscapeDataString(token)}?saved=true" + (language is null ? "" : $"&lang={language}") + "#preferences");
    }

    /// <summary>A new link: the old one (perhaps forwarded, perhaps seen over a shoulder) opens nothing from now on.</summary>
    [HttpPost("/me/{token}/rotate"), ValidateAntiForgeryToken]
    public IActionResult Rotate(string token, string? lang)
    {
        if (Open(token) is not { } person) return Refused();
        var fresh = links.Rotate(person.CompatriotId);
        audit.Append(null, "anonymous", "me.rotate", $"compatriot/{person.CompatriotId}", null);
        return Redirect($"/me/{fresh}?rotated=true" + (Languages.IsKnown(lang) ? $"&lang={lang}" : ""));
    }

    /// <summary>The person behind the link, once the link's own rate is checked; null for any link that opens nobody.</summary>
    private OwnPreferences? Open(string token) => gate.Open(HttpContext, token);

    private DateOnly PersonalToday() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private ViewResult Page(string token, OwnPreferences person, string? lang, PreferencesForm? posted, IReadOnlyList<PreferenceError> errors, bool saved, bool rotated,
        string? notice = null)
    {
        var language = MyPageGate.Language(HttpContext, person, lang);
        var visit = new MyPageVisit(person.CompatriotId, token, language, notice);
        List<MyPageSection> sections =
        [
            new("preferences", "me.preferences.title", "_Preferences", new PreferencesSection(token, person, posted, errors, saved)),
            .. extensions.OrderBy(e => e.Order).SelectMany(e => e.For(visit)),
        ];
        return View("Index", new MyPageModel(token, MessageModelBuilder.FirstName(person.FullName), sections, rotated));
    }

    private ViewResult Refused() => MyPageGate.Refused(this);
}
