using System.Net;
using Microsoft.AspNetCore.CookiePolicy;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>
/// The sign-in cookie is Secure outside Development (see <see cref="AuthSetup"/>). One case is let off: a local trial,
/// where a person or a script on this machine talks plain HTTP to the host on a loopback address with no proxy in
/// between. Browsers accept Secure cookies there, but many HTTP clients (Python's cookie jar, for one) never send them
/// back over HTTP, and a newcomer's first script would fail to stay signed in. A request that carries forwarded headers
/// came through a proxy and keeps the flag, as does any request to a public name or address.
/// </summary>
internal static class LocalTrialCookies
{
    public static void Relax(AppendCookieContext cookie)
    {
        if (cookie.CookieOptions.Secure && IsLocalTrial(cookie.Context) && !ForcedSecure(cookie.Context))
            cookie.CookieOptions.Secure = false;
    }

    private static bool IsLocalTrial(HttpContext context)
    {
        var request = context.Request;
        return !request.IsHttps
            && context.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
            && IsLoopbackHost(request.Host.Host)
            && !request.Headers.ContainsKey("X-Forwarded-For") && !request.Headers.ContainsKey("X-Forwarded-Proto")
            && !request.Headers.ContainsKey("Forwarded");
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    // Auth:SecureCookies=true says "always", local trial or not.
    private static bool ForcedSecure(HttpContext context) =>
        bool.TryParse(context.RequestServices.GetRequiredService<IConfiguration>()["Auth:SecureCookies"], out var secure) && secure;
}
