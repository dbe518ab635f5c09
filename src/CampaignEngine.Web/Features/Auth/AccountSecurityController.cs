using CampaignEngine.Web.Features.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;

namespace CampaignEngine.Web.Features.Auth;

public sealed record SecurityPage(IReadOnlyList<ApiKeyInfo> Keys, string? NewKey, string? Message, string? Error);

/// <summary>The signed-in user's own security: password, API keys, and ending every other session.</summary>
[Route("account"), Authorize(Policy = Roles.Staff)]
public sealed class AccountSecurityController(UserStore users, ApiKeyStore keys, Audit.AuditLog audit) : Controller
{
    [HttpGet("security")]
    public IActionResult Index() => Page();

    [HttpPost("password"), ValidateAntiForgeryToken]
    public async Task<IActionResult> ChangePassword([FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword)
    {
        var me = HttpContext.CurrentUser();
        if (PasswordRules.Problem(newPassword) is not null) return Page(error: "security.password.rules");
        if (newPassword != confirmPassword) return Page(error: "security.password.mismatch");
        if (!users.ChangePassword(me.Id, currentPassword ?? "", newPassword!)) return Page(error: "security.password.wrong");
        audit.Record(me, "password.change", $"user/{me.Id}");
        // Every other session ends with the new session version; this one is issued again under it.
        await SignInAgain(me.Id);
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

    private async Task SignInAgain(long userId)
    {
        if (User.Identity?.AuthenticationType != CookieAuthenticationDefaults.AuthenticationScheme || users.Find(userId) is not { } user) return;
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(CurrentUser.ToIdentity(user, CookieAuthenticationDefaults.AuthenticationScheme)));
    }

    private ViewResult Page(string? newKey = null, string? message = null, string? error = null)
    {
        if (error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Security", new SecurityPage(keys.List(HttpContext.CurrentUser().Id), newKey, message, error));
    }
}
