using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CampaignEngine.Web.Features.Shared;

/// <summary>
/// Addresses under a compatriot's links that no page answers. The public pages' forms post to addresses of their own,
/// and a form refused with errors is shown again at that address; a phone that restores a tab, a reload after going
/// back, or an address copied from the bar opens it with GET. Those requests, like a mistyped address under a link,
/// fell to the staff sign-in, in English. A form's address now leads back to the page its form is on, in the reader's
/// language; any other address under a link says, in the reader's language, that the link leads nowhere. Any other
/// address that nothing answers says that no page is there: the fallback policy (signed-in users only) sent those to
/// the staff sign-in as well.
/// </summary>
[AllowAnonymous, EnableRateLimiting(PublicRateLimit.Policy)]
internal sealed class PublicAddressesController : Controller
{
    [HttpGet("/r/{token}/pledge")]
    public IActionResult AppealPledge(string token, string? lang) => Back($"/r/{Uri.EscapeDataString(token)}", lang);

    [HttpGet("/r/{token}/ask")]
    public IActionResult AppealAsk(string token, string? lang) => Back($"/r/{Uri.EscapeDataString(token)}", lang, "#ask");

    [HttpGet("/projects/{id:long}/offer")]
    public IActionResult ProjectOffer(long id, string? lang) => Back($"/projects/{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}", lang);

    [HttpGet("/me/{token}/preferences")]
    [HttpGet("/me/{token}/ask")]
    [HttpGet("/me/{token}/rotate")]
    [HttpGet("/me/{token}/pledges/{id:long}/pause")]
    [HttpGet("/me/{token}/pledges/{id:long}/resume")]
    [HttpGet("/me/{token}/pledges/{id:long}/stop")]
    public IActionResult MyPage(string token, string? lang) => Back($"/me/{Uri.EscapeDataString(token)}", lang);

    // Routes with a catch-all come after every other route of the same start, so these answer only what nothing else does.
    // The token is not looked up: the answer is the same for every token, so it tells a guesser nothing.
    [HttpGet("/r/{token}/{**rest}")]
    [HttpGet("/me/{token}/{**rest}")]
    public IActionResult UnknownUnderLink()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("LinkNotFound");
    }

    // Last of every route, whatever its template (Order): a file, a page, the dashboard or the API answers first. A staff
    // page is still matched by its own route, so it still asks an anonymous caller to sign in. Callers of the API hear
    // it in the API's format. GET only: a HEAD or a POST to a page that exists must not hear that no page is there.
    [HttpGet("{**path}", Order = int.MaxValue)]
    public IActionResult Unknown()
    {
        if (Request.Path.StartsWithSegments("/api")) return Problems.NotFound("No API answers at this address.");
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("PageNotFound");
    }

    // Only a known language goes into the address; the page itself says whether the link is still valid.
    private RedirectResult Back(string page, string? lang, string fragment = "") =>
        Redirect(page + (Languages.IsKnown(lang) ? $"?lang={lang}" : "") + fragment);
}
