using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>
/// Ends a cookie session whose user changed their password or signed out everywhere since it was issued:
/// the cookie carries the session version of the user row at sign-in, checked on every request.
/// </summary>
public static class SessionVersionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null) return;
        var user = CurrentUser.From(principal);
        var current = context.HttpContext.RequestServices.GetRequiredService<UserStore>().SessionVersion(user.Id);
        var carried = principal.FindFirst(CurrentUser.SessionClaim)?.Value;
        if (current is not null && carried == current.Value.ToString(CultureInfo.InvariantCulture)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
