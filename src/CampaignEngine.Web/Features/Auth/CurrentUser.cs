using System.Globalization;
using System.Security.Claims;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>
/// Who is asking, from their signed claims: what they may see follows from it (<see cref="AccessScope.Of"/>), never
/// from the request.
/// </summary>
internal sealed record CurrentUser(long Id, string Login, string Role, string? Region, long? OrganizationId)
{
    public const string RegionClaim = "ce:region";
    public const string OrganizationClaim = "ce:organization";
    public const string SessionClaim = "ce:session";
    public const string SessionIdClaim = "ce:sid";
    /// <summary>On a cookie signed in with a temporary password: every page but changing it is closed.</summary>
    public const string TemporaryPasswordClaim = "ce:temporary-password";

    public bool IsAdmin => Role == Roles.Admin;
    public bool IsNational => Role is Roles.Admin or Roles.Officer;

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        var org = principal.FindFirstValue(OrganizationClaim);
        return new CurrentUser(
            long.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "0", CultureInfo.InvariantCulture),
            principal.Identity?.Name ?? "",
            principal.FindFirstValue(ClaimTypes.Role) ?? "",
            principal.FindFirstValue(RegionClaim),
            org is null ? null : long.Parse(org, CultureInfo.InvariantCulture));
    }

    /// <summary>The claims of a signed-in user; a cookie session also names its server-side session row.</summary>
    public static ClaimsIdentity ToIdentity(UserRecord user, string scheme, string? sessionId = null) => new(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Login),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim(SessionClaim, user.SessionVersion.ToString(CultureInfo.InvariantCulture)),
            .. user.Region is null ? Array.Empty<Claim>() : [new Claim(RegionClaim, user.Region)],
            .. user.OrganizationId is null ? Array.Empty<Claim>() : [new Claim(OrganizationClaim, user.OrganizationId.Value.ToString(CultureInfo.InvariantCulture))],
            .. sessionId is null ? Array.Empty<Claim>() : [new Claim(SessionIdClaim, sessionId)],
            .. sessionId is null || user.TemporaryPasswordUntil is null ? Array.Empty<Claim>() : [new Claim(TemporaryPasswordClaim, "1")],
        ],
        scheme, ClaimTypes.Name, ClaimTypes.Role);
}

internal static class CurrentUserExtensions
{
    public static CurrentUser CurrentUser(this HttpContext http) => Auth.CurrentUser.From(http.User);
}
