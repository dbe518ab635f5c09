using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>
/// The one way every address under <c>/me/{token}</c> (this page's, and those other features add: questions, data, receipts, certificates)
/// finds its person: the answer is marked personal (never cached, indexed or sent on as a referrer), the link's own rate
/// is counted (<see cref="MyPageLimit"/>), and a link that opens nobody — unknown, rotated away, erased — opens nothing.
/// </summary>
internal sealed class MyPageGate(PersonalLinks links, SelfPreferences preferences, MyPageLimit limit)
{
    /// <summary>The person behind the link; null for a link that opens nobody, or with 429 and Retry-After set when it is used too often.</summary>
    public OwnPreferences? Open(HttpContext http, string token)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (limit.Refusal(token) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return null;
        }
        return links.PersonOf(token) is { } id ? preferences.Read(id) : null;
    }

    /// <summary>Whether <see cref="Open"/> refused the link for its rate rather than for opening nobody.</summary>
    public static bool TooOften(HttpContext http) => http.Response.StatusCode == StatusCodes.Status429TooManyRequests;

    /// <summary>The one page every public link that opens nobody answers with (Features/Shared).</summary>
    public const string LinkNotFound = "~/Features/Shared/LinkNotFound.cshtml";

    /// <summary>The neutral page for a link that opens nobody (404), or the same page with the 429 already set.</summary>
    public static ViewResult Refused(Controller controller)
    {
        if (!TooOften(controller.HttpContext)) controller.Response.StatusCode = StatusCodes.Status404NotFound;
        return controller.View(LinkNotFound);
    }

    /// <summary>The same refusal for a JSON client: a problem saying the link is not valid, or used too often.</summary>
    public static ObjectResult RefusedJson(HttpContext http) => TooOften(http)
        ? Problems.TooMany("Too many requests for this link; try again later.")
        : Problems.NotFound("This link is not valid.");

    /// <summary>The page's language: the one the reader switched to, else the person's own; set for the page's texts.</summary>
    public static string Language(HttpContext http, OwnPreferences person, string? lang) => UiLanguage.ForPerson(http, lang, person.Language);

    /// <summary>The page's address with its language and an optional notice for one of its sections, at that section.</summary>
    public static string PageAddress(string token, string language, string? notice, string section) =>
        $"/me/{Uri.EscapeDataString(token)}?lang={language}" + (notice is null ? "" : $"&notice={Uri.EscapeDataString(notice)}") + $"#{section}";
}
