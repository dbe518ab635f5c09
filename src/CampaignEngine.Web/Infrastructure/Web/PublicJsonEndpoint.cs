using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// What every public JSON endpoint behind a personal token shares (the pledge's <c>/r/{token}/pledge</c>, the own page's
/// <c>/me/{token}/preferences</c>): a plain endpoint rather than an MVC action, for apps and chatbots, anonymous and
/// rate limited like every public address, and without anti-forgery — the token in the path is the caller's
/// capability, and a JSON client carries no anti-forgery cookie. Its refusals are the problem details MVC gives.
/// </summary>
internal static class PublicJsonEndpoint
{
    public static RouteHandlerBuilder MapPublicJsonPost<TInput>(this IEndpointRouteBuilder app, string pattern, Delegate handler) where TInput : notnull =>
        app.MapPost(pattern, handler)
            .Accepts<TInput>("application/json")
            .AllowAnonymous()
            .RequireRateLimiting(PublicRateLimit.Policy)
            .DisableAntiforgery();

    /// <summary>Writes a refusal (problem details) as an MVC action would return it.</summary>
    public static Task RefuseAsync(HttpContext http, IActionResult problem) => JsonBodies.WriteAsync(http, problem);

    /// <summary>A 429 that says when to come back (whole seconds, at least one).</summary>
    public static Task TooManyAsync(HttpContext http, TimeSpan wait, string message)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return RefuseAsync(http, Problems.TooMany(message));
    }
}
