using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CampaignEngine.Web.Infrastructure.Web;
using System.Security.Claims;

namespace CampaignEngine.Web.Features.Auth;

[Route("account"), Authorize]
public sealed class AccountController : Controller
{
    private readonly UserStore _users;
    private readonly Audit.AuditLog _audit;

    public AccountController(UserStore users, Audit.AuditLog audit) => (_users, _audit) = (users, audit);

    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    // Password guessing is slowed twice: per address here, per account by the lockout in UserStore.
    [HttpPost("login"), AllowAnonymous, ValidateAntiForgeryToken, EnableRateLimiting(PublicRateLimit.Policy)]
    public async Task<IActionResult> Login([FromForm] LoginForm form)
    {
        var user = _users.CheckPassword(form.Login ?? "", form.Password ?? "");
        if (user is null)
        {
            // What was typed is not kept: people type passwords into the login field.
            _audit.Append(null, "anonymous", "sign-in.failed", null, null);
            form.Failed = true;
            form.Password = null;
            return View(form);
        }
        var principal = new ClaimsPrincipal(CurrentUser.ToIdentity(user, CookieAuthenticationDefaults.AuthenticationScheme));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        _audit.Append(user.Id, user.Login, "sign-in", null, null);
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
    }

    [HttpPost("logout"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Logout()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/login");
    }

    [HttpGet("denied"), AllowAnonymous]
    public IActionResult Denied() => View();
}

public sealed class LoginForm
{
    public string? Login { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
    public bool Failed { get; set; }
}
