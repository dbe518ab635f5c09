using System.Globalization;
using CampaignEngine.Web.Features.Compatriots.Self;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.MyPage;

/// <summary>
/// The one door of every <c>/me/{token}</c> address, whichever feature serves it (the page here, the receipts and
/// certificates in <c>Features/Certificates</c>): the personal headers, the link's own rate, and the person behind the
/// link. Every token that opens nobody gets the same neutral page by the same path, so a guess learns nothing.
/// </summary>
internal sealed class MyPageGate(PersonalLinks links, MyPageLimit limit)
{
    private const string NotFoundView = "~/Features/MyPage/Views/LinkNotFound.cshtml";

    /// <summary>The person behind the link; null for any link that opens nobody, or one used too often (the response then says when to come back).</summary>
    public long? Open(string token, HttpResponse response)
    {
        // The page is as personal as the link: never cached, never indexed, and the address not sent on as a referrer.
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Robots-Tag"] = "noindex";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (limit.Refusal(token) is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            return null;
        }
        return links.PersonOf(token);
    }

    /// <summary>The neutral answer: "this link no longer opens anything" with 404, or 429 when the link's rate said so.</summary>
    public static ViewResult Refused(Controller controller)
    {
        if (controller.Response.StatusCode != StatusCodes.Status429TooManyRequests) controller.Response.StatusCode = StatusCodes.Status404NotFound;
        return controller.View(NotFoundView);
    }
}
