using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>
/// Ends a cookie session that is over on the server: signed out (there or everywhere), ended by an admin, idle too
/// long, its user disabled, or its user's session version moved on (a password change) since it was issued.
/// </summary>
internal static class SessionVersionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null) return;
        var user = CurrentUser.From(principal);
        var carried = long.TryParse(principal.FindFirst(CurrentUser.SessionClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version : -1;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        if (sessions.IsLive(user.Id, principal.FindFirst(CurrentUser.SessionIdClaim)?.Value, carried)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
