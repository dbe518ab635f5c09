using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CampaignEngine.Web.Infrastructure.Web;
using System.Security.Claims;

namespace CampaignEngine.Web.Features.Auth;

[Route("account"), Authorize]
internal sealed class AccountController : Controller
{
    private readonly UserStore _users;
    private readonly SessionStore _sessions;
    private readonly Audit.AuditLog _audit;

    public AccountController(UserStore users, SessionStore sessions, Audit.AuditLog audit) => (_users, _sessions, _audit) = (users, sessions, audit);

    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    // Password guessing is slowed twice: per address here, per account by the lockout in UserStore.
    [HttpPost("login"), AllowAnonymous, ValidateAntiForgeryToken, EnableRateLimiting(PublicRateLimit.Policy)]
    public async Task<IActionResult> Login([FromForm] LoginForm form)
    {
        var check = _users.CheckPassword(form.Login ?? "", form.Password ?? "");
        if (check.User is not { } user)
        {
            // What was typed is not kept: people type passwords into the login field. The page says the same whatever
            // the reason, so that it does not tell which logins exist or are locked; the log tells the admin.
            _audit.Append(null, "anonymous", "sign-in.failed", check.AccountId is { } id ? $"user/{id}" : null,
                check.AccountId is null ? null : new { reason = check.Outcome.ToString().ToLowerInvariant() });
            form.Failed = true;
            form.Password = null;
            return View(form);
        }
        var session = _sessions.Start(user.Id);
        var principal = new ClaimsPrincipal(CurrentUser.ToIdentity(user, CookieAuthenticationDefaults.AuthenticationScheme, session));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        _audit.Append(user.Id, user.Login, "sign-in", null, null);
        if (user.TemporaryPasswordUntil is not null) return Redirect("/account/security");
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    /// <summary>Ends the session on the server, not only in this browser: a copy of the cookie stops working too.</summary>
    [HttpPost("logout"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Logout()
    {
        if (_sessions.End(User.FindFirstValue(CurrentUser.SessionIdClaim), "sign-out"))
        {
            var me = HttpContext.CurrentUser();
            _audit.Record(me, "sign-out", $"user/{me.Id}");
        }
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/login");
    }

    [HttpGet("denied"), AllowAnonymous]
    public IActionResult Denied() => View();
}

internal sealed class LoginForm
{
    public string? Login { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
    public bool Failed { get; set; }
}
