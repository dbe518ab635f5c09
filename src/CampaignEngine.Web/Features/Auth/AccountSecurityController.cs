using CampaignEngine.Web.Features.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;

namespace CampaignEngine.Web.Features.Auth;

internal sealed record SecurityPage(IReadOnlyList<ApiKeyInfo> Keys, string? NewKey, string? Message, string? Error, bool MustChangePassword = false);

/// <summary>The signed-in user's own security: password, API keys, and ending every other session.</summary>
[Route("account"), Authorize(Policy = Roles.Staff)]
internal sealed class AccountSecurityController(UserStore users, ApiKeyStore keys, Audit.AuditLog audit) : Controller
{
    [HttpGet("security")]
    public IActionResult Index() => Page();

    [HttpPost("password"), ValidateAntiForgeryToken]
    public async Task<IActionResult> ChangePassword([FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword)
    {
        var me = HttpContext.CurrentUser();
        if (PasswordRules.Problem(newPassword, me.Login) is not null)
            return Page(error: PasswordRules.IsCommon(newPassword!) ? "security.password.common" : "security.password.rules");
        if (newPassword != confirmPassword) return Page(error: "security.password.mismatch");
        if (newPassword == currentPassword) return Page(error: "security.password.same");
        var session = User.FindFirstValue(CurrentUser.SessionIdClaim);
        switch (users.ChangePassword(me.Id, currentPassword ?? "", newPassword!, session))
        {
            case PasswordOutcome.Accepted: break;
            case PasswordOutcome.Wrong:
                audit.Record(me, "password.change.failed", $"user/{me.Id}");
                return Page(error: "security.password.wrong");
            default:
                return Page(error: "security.password.locked");
        }
        audit.Record(me, "password.change", $"user/{me.Id}");
        // Every other session has ended and the session version moved on; this one is issued again under it.
        await SignInAgain(me.Id, session);
        return Page(message: "security.password.changed");
    }

    [HttpPost("keys"), ValidateAntiForgeryToken]
    public IActionResult CreateKey([FromForm] string? label)
    {
        var me = HttpContext.CurrentUser();
        label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        if (label?.Length > ApiKeyStore.MaxLabelLength) return Page(error: "security.keys.label-too-long");
        var (id, key) = keys.Create(me.Id, label: label);
        audit.Record(me, "apikey.create", $"user/{me.Id}", new { keyId = id });
        return Page(newKey: key);
    }

    [HttpPost("keys/{id:long}/revoke"), ValidateAntiForgeryToken]
    public IActionResult RevokeKey(long id)
    {
        var me = HttpContext.CurrentUser();
        // Only one's own keys here; an admin revokes others' keys through the API. Another user's key is "not found".
        if (keys.Find(id) is not { } key || key.UserId != me.Id) return NotFound();
        if (keys.Revoke(id)) audit.Record(me, "apikey.revoke", $"apikey/{id}", new { userId = me.Id });
        return Page(message: "security.keys.revoked");
    }

    [HttpPost("sign-out-everywhere"), ValidateAntiForgeryToken]
    public async Task<IActionResult> SignOutEverywhere()
    {
        var me = HttpContext.CurrentUser();
        users.EndAllSessions(me.Id);
        audit.Record(me, "sign-out.everywhere", $"user/{me.Id}");
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/login");
    }

    private async Task SignInAgain(long userId, string? session)
    {
        if (User.Identity?.AuthenticationType != CookieAuthenticationDefaults.AuthenticationScheme || session is null || users.Find(userId) is not { } user) return;
        var principal = new ClaimsPrincipal(CurrentUser.ToIdentity(user, CookieAuthenticationDefaults.AuthenticationScheme, session));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // The rest of this request renders for the new identity: the page no longer asks for a password change.
        HttpContext.User = principal;
    }

    private ViewResult Page(string? newKey = null, string? message = null, string? error = null)
    {
        if (error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Security", new SecurityPage(keys.List(HttpContext.CurrentUser().Id), newKey, message, error,
            User.HasClaim(c => c.Type == CurrentUser.TemporaryPasswordClaim)));
    }
}
